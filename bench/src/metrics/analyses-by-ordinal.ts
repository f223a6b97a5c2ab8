import type { AnalysesByOrdinal, InvocationsByOrdinal } from "@queueshift/shared-model";

/**
 * Where each group of an environment's analyses starts (1 = its first); the last group runs on
 * without end: the warm analyses. Finer at the start, where a fresh environment's JIT has compiled
 * least (on this machine its first 4 medium analyses took ~70 ms of CPU against ~9 ms warm, the
 * next ~15 about 1.5x warm).
 */
export const ORDINAL_GROUP_STARTS = [1, 2, 3, 4, 5, 9, 17, 33, 65] as const;

/** The first ordinal of the warm group (`handlerWarm`, `handlerCpuWarm`). */
export const WARM_ORDINAL = ORDINAL_GROUP_STARTS[ORDINAL_GROUP_STARTS.length - 1] as number;

/** The group of an ordinal (1 = an environment's first). */
function groupOf(ordinal: number): number {
  let g = ORDINAL_GROUP_STARTS.length - 1;
  while (g > 0 && ordinal < (ORDINAL_GROUP_STARTS[g] as number)) g--;
  return g;
}

/** The group's bounds, as the result document states them. */
function bounds(g: number): { from: number; to: number | null } {
  const next = ORDINAL_GROUP_STARTS[g + 1];
  return { from: ORDINAL_GROUP_STARTS[g] as number, to: next === undefined ? null : next - 1 };
}

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
    const g = groupOf(ordinal);
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
    return ORDINAL_GROUP_STARTS.map((_, g) => {
      const count = this.#count[g] as number;
      const cpuCount = this.#cpuCount[g] as number;
      return {
        ...bounds(g),
        count,
        meanHandlerUs: count > 0 ? (this.#handlerUs[g] as number) / count : 0,
        meanHandlerCpuUs:
          cpuCount === count && count > 0 ? (this.#cpuUs[g] as number) / cpuCount : null,
      };
    });
  }
}

/**
 * Accumulates every phase's invocations by their place in their environment: their REPORT
 * Duration and the runtime's CPU time, less their delivered records' handler and CPU time, so a
 * group's mean is its invocations' time besides their analyses (a fresh environment's first
 * invocations run the runtime's, the parser's and the publisher's code before the JIT has
 * compiled it). Records and invocations meet by the ordinal their result and their sample carry.
 * A group's CPU mean is over its invocations that said their CPU time (a timed-out or crashed one
 * does not), its records' CPU per invocation over all of them (a failed invocation delivers none);
 * null when none said it, or a record lacked its CPU time (a handler that does not measure it).
 */
export class InvocationGroups {
  readonly #count = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #durationUs = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #records = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #recordsUs = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #cpuCount = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #cpuUs = new Float64Array(ORDINAL_GROUP_STARTS.length);
  readonly #recordsCpuUs = new Float64Array(ORDINAL_GROUP_STARTS.length);
  /** Records without the handler's CPU time, per group. */
  readonly #recordsCpuMissing = new Float64Array(ORDINAL_GROUP_STARTS.length);

  /** One invocation's REPORT Duration and, when the runtime said, its CPU time (us). */
  invocation(ordinal: number, durationUs: number, cpuUs: number | undefined): void {
    const g = groupOf(ordinal);
    this.#count[g] = (this.#count[g] as number) + 1;
    this.#durationUs[g] = (this.#durationUs[g] as number) + durationUs;
    if (cpuUs === undefined) return;
    this.#cpuCount[g] = (this.#cpuCount[g] as number) + 1;
    this.#cpuUs[g] = (this.#cpuUs[g] as number) + cpuUs;
  }

  /** One delivered record of the environment's `ordinal`th invocation. */
  record(ordinal: number, handlerUs: number, handlerCpuUs: number | undefined): void {
    const g = groupOf(ordinal);
    this.#records[g] = (this.#records[g] as number) + 1;
    this.#recordsUs[g] = (this.#recordsUs[g] as number) + handlerUs;
    if (handlerCpuUs === undefined)
      this.#recordsCpuMissing[g] = (this.#recordsCpuMissing[g] as number) + 1;
    else this.#recordsCpuUs[g] = (this.#recordsCpuUs[g] as number) + handlerCpuUs;
  }

  /** The groups, or undefined when no invocation or no result said its invocation's ordinal. */
  result(): InvocationsByOrdinal[] | undefined {
    if (this.#records.every((r) => r === 0) || this.#count.every((c) => c === 0)) return undefined;
    return ORDINAL_GROUP_STARTS.map((_, g) => {
      const count = this.#count[g] as number;
      const cpuCount = this.#cpuCount[g] as number;
      const per = (x: number) => (count > 0 ? x / count : 0);
      const cpu = cpuCount > 0 && (this.#recordsCpuMissing[g] as number) === 0;
      const meanCpu = cpu ? (this.#cpuUs[g] as number) / cpuCount : null;
      return {
        ...bounds(g),
        count,
        meanDurationUs: per(this.#durationUs[g] as number),
        meanOverheadUs: per((this.#durationUs[g] as number) - (this.#recordsUs[g] as number)),
        meanCpuUs: meanCpu,
        meanOverheadCpuUs: meanCpu === null ? null : meanCpu - per(this.#recordsCpuUs[g] as number),
      };
    });
  }
}
