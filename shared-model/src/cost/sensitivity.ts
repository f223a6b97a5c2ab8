import { asyncMonthlyCost } from "./async-cost.js";
import type { AsyncCostInput } from "./async-input.js";
import { IssueCollector } from "./cost-model-error.js";
import type { PriceTable } from "./price-table.js";

/** Lambda memory that buys one full vCPU (aws-facts.md 1.3, A). */
export const MB_PER_VCPU = 1769;

/** Memory sizes tried by memorySensitivity unless the caller gives its own, MB. */
export const DEFAULT_MEMORY_SIZES_MB = Object.freeze([
  128, 256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 8192, 10240,
]);

/** Batch sizes tried by batchSizeSensitivity unless the caller gives its own. */
export const DEFAULT_BATCH_SIZES = Object.freeze([1, 2, 5, 10, 20, 50, 100]);

/**
 * Duration at `memoryMb` of a single-threaded CPU-bound handler measured at `measuredAtMb`:
 * it runs at the CPU share min(1, MB/1769), so it slows by 1769/MB below one vCPU and does not
 * speed up above (a Node handler uses one core).
 */
export function scaleDurationForMemory(
  durationMs: number,
  measuredAtMb: number,
  memoryMb: number,
): number {
  const share = (mb: number) => Math.min(1, mb / MB_PER_VCPU);
  return (durationMs * share(measuredAtMb)) / share(memoryMb);
}

/** B's monthly cost at one memory size. */
export interface MemoryPoint {
  readonly memoryMb: number;
  readonly billedDurationMs: number;
  readonly total: number;
}

/** B's monthly cost across memory sizes, the measured duration scaled by CPU share (INIT not scaled). */
export function memorySensitivity(
  input: AsyncCostInput,
  prices: PriceTable,
  measuredAtMb: number,
  memoriesMb: readonly number[] = DEFAULT_MEMORY_SIZES_MB,
): MemoryPoint[] {
  const c = new IssueCollector();
  c.number(measuredAtMb, "measuredAtMb", 128, 10_240);
  c.throwIfAny("QS_COST_INVALID_INPUT");
  const l = input.lambda;
  return memoriesMb.map((memoryMb) => {
    const lambda = {
      ...l,
      memoryMb,
      durationPerInvocationMs: scaleDurationForMemory(
        l.durationPerInvocationMs,
        measuredAtMb,
        memoryMb,
      ),
      durationPerMessageMs: scaleDurationForMemory(l.durationPerMessageMs, measuredAtMb, memoryMb),
    };
    const result = asyncMonthlyCost({ ...input, lambda }, prices);
    return { memoryMb, billedDurationMs: result.usage.billedDurationMs, total: result.total };
  });
}

/** B's monthly cost at one mean batch size. */
export interface BatchPoint {
  readonly batchSize: number;
  readonly invocations: number;
  readonly billedDurationMs: number;
  readonly total: number;
}

/**
 * B's monthly cost across batch sizes. With `queue.batchFill` the size is the BatchSize setting
 * and batches fill as the traffic allows (expectedBatchSize); without it batches are assumed
 * full. Latency cost of waiting for a batch is not money and is not shown here.
 */
export function batchSizeSensitivity(
  input: AsyncCostInput,
  prices: PriceTable,
  batchSizes: readonly number[] = DEFAULT_BATCH_SIZES,
): BatchPoint[] {
  return batchSizes.map((batchSize) => {
    const fill = input.queue.batchFill;
    const queue = {
      ...input.queue,
      meanBatchSize: batchSize,
      ...(fill === undefined ? {} : { batchFill: { ...fill, maxBatchSize: batchSize } }),
    };
    const result = asyncMonthlyCost({ ...input, queue }, prices);
    const { invocations, billedDurationMs } = result.usage;
    return { batchSize, invocations, billedDurationMs, total: result.total };
  });
}
