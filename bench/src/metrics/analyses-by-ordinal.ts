import type { AnalysesByOrdinal } from "@queueshift/shared-model";

/**
 * Where each group of an environment's analyses starts (1 = its first); the last group runs on
 * without end: the warm analyses. Finer at the start, where a fresh environment's JIT has compiled
 * least (on this machine its first 4 medium analyses took ~70 ms of CPU against ~9 ms warm, the
 * next ~15 about 1.5x warm).
 */
export const ORDINAL_GROUP_STARTS = [1, 2, 3, 4, 5, 9, 17, 33, 65] as const;

/** The first ordinal of the warm group (`handlerWarm`, `handlerCpuWarm`). */
export const WARM_ORDINAL = ORDINAL_GROUP_STARTS[ORDINAL_GROUP_STARTS.length - 1] as number;

/**
 * Accumulates delivered analyses by their place in their environment: count, handler time and
 * (when the handler measured it) CPU time per group. Every phase's jobs count, since fresh
 * environments are mostly started in the warm-up.
 */
export class OrdinalGroups {
  readonly #count = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #handlerUs = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #cpuUs = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #cpuCount = new Float64Array(ORDINAL_GROUP_STARTS.length);

  add(ordinal: number, handlerUs: number, handlerCpuUs: number | undefined): void {
    let g = ORDINAL_GROUP_STARTS.length - 1;
    while (g > 0 && ordinal < (ORDINAL_GROUP_STARTS[g] as number)) g--;
    this.#count[g] = (this.#count[g] as number) + 1;
    this.#handlerUs[g] = (this.#handlerUs[g] as number) + handlerUs;
    if (handlerCpuUs !== undefined) {
      this.#cpuUs[g] = (this.#cpuUs[g] as number) + handlerCpuUs;
      this.#cpuCount[g] = (this.#cpuCount[g] as number) + 1;
    }
  }

  /** The groups, or undefined when no result said its ordinal (a handler that does not). */
  result(): AnalysesByOrdinal[] | undefined {
    if (this.#count.every((c) => c === 0)) return undefined;
    return ORDINAL_GROUP_STARTS.map((from, g) => {
      const count = this.#count[g] as number;
      const cpuCount = this.#cpuCount[g] as number;
      const next = ORDINAL_GROUP_STARTS[g + 1];
      return {
        from,
        to: next === undefined ? null : next - 1,
        count,
        meanHandlerUs: count > 0 ? (this.#handlerUs[g] as number) / count : 0,
        meanHandlerCpuUs:
          cpuCount === count && count > 0 ? (this.#cpuUs[g] as number) / cpuCount : null,
      };
    });
  }
}
