import {
  asyncMonthlyCost,
  type CostBreakdown,
  type PriceTable,
  type ProjectedCost,
  syncMonthlyCost,
  type TrafficProfile,
} from "@queueshift/shared-model";
import type { AsyncTotals } from "../async/async-model.js";
import type { AsyncParams } from "../async/async-params.js";
import type { SyncParams } from "../sync/sync-params.js";

const LOG_BYTES_PER_INVOCATION = 350; // reports USAGE_DEFAULTS: START/END/REPORT lines

function summarise(b: CostBreakdown, extra: readonly string[]): ProjectedCost {
  return {
    total: b.total,
    items: b.items.map((i) => ({
      component: i.component,
      quantity: i.quantity,
      unit: i.unit,
      cost: i.cost,
    })),
    notes: [...b.notes, ...extra],
  };
}

/**
 * Design A's month from the cost model, fed with what the simulation used: requests per vCPU
 * from the simulated service time, the autoscaler's CPU target, hourly scaling, the task size.
 */
export function syncCost(
  p: SyncParams,
  meanServiceSeconds: number,
  traffic: TrafficProfile,
  bytes: { request: number; response: number },
  simulated: { taskSeconds: number; windowHours: number },
  prices: PriceTable,
): ProjectedCost {
  // One busy worker uses min(1, vcpu/workers) vCPU for meanServiceSeconds per request.
  const share = Math.min(1, p.vcpu / p.workersPerTask);
  const capacityPerVcpu = 1 / (meanServiceSeconds * share);
  const b = syncMonthlyCost(
    {
      capacityPerVcpu,
      traffic,
      platform: {
        kind: "fargate",
        architecture: p.architecture,
        vcpu: p.vcpu,
        memoryGb: p.memoryGb,
      },
      requestBytes: bytes.request,
      responseBytes: bytes.response,
      targetUtilisation: p.targetCpu,
      minTasks: p.minTasks,
      scaling: "hourly",
    },
    prices,
  );
  const simulatedTasks = simulated.taskSeconds / 3_600 / simulated.windowHours;
  return summarise(b, [
    `simulated window: ${(simulated.taskSeconds / 3_600).toFixed(1)} task-hours over ${simulated.windowHours} h (mean ${simulatedTasks.toFixed(1)} tasks); the month bills the cost model's hourly plan at the same CPU target`,
  ]);
}

/**
 * Design B's month from the cost model, fed with the simulated batch fill, billed duration per
 * message, cold starts (scaled from the window to the month by volume) and mean INIT.
 */
export function asyncCost(
  p: AsyncParams,
  t: AsyncTotals,
  windowRequests: number,
  traffic: TrafficProfile,
  requestBytes: number,
  pollers: number,
  prices: PriceTable,
): ProjectedCost {
  const meanBatch = t.invocations > 0 ? Math.max(1, t.messagesInvoked / t.invocations) : 1;
  const perMessageMs = t.messagesInvoked > 0 ? (t.billedMs - t.initMs) / t.messagesInvoked : 0;
  const scale = windowRequests > 0 ? traffic.monthlyRequests / windowRequests : 0;
  const b = asyncMonthlyCost(
    {
      traffic,
      requestBytes,
      queue: { meanBatchSize: Math.min(p.batchSize, meanBatch), pollers },
      lambda: {
        architecture: p.architecture,
        memoryMb: p.memoryMb,
        durationPerInvocationMs: 0,
        durationPerMessageMs: Math.max(0, perMessageMs),
        coldStarts: t.coldStarts * scale,
        initMs: t.coldStarts > 0 ? Math.min(10_000, t.initMs / t.coldStarts) : 0,
        logBytesPerInvocation: LOG_BYTES_PER_INVOCATION,
      },
    },
    prices,
  );
  return summarise(b, [
    `simulated: ${meanBatch.toFixed(2)} messages per invocation, ${perMessageMs.toFixed(2)} billed ms per message, ${t.coldStarts} cold starts in the window (x${scale.toFixed(1)} for the month by volume)`,
  ]);
}
