import type { SuiteRunKind } from "@queueshift/shared-model";
import { applyOverrides } from "../scenario/overrides.js";
import type { Architecture, Scenario } from "../scenario/scenario-types.js";

/** What the suite repeats and sweeps (from the command line). */
export interface SuiteOptions {
  readonly repeat: number;
  readonly memorySweep: readonly number[];
  readonly taskSweep: readonly number[];
}

/** One run the suite will make, in order. */
export interface PlannedRun {
  readonly scenario: Scenario;
  readonly kind: SuiteRunKind;
  readonly repeat: number;
  readonly order: readonly Architecture[];
  readonly memorySizeMB?: number;
  readonly taskVcpu?: number;
}

/**
 * The n-th comparison run (1-based) measures sync then async when n is odd, async then sync when
 * even, so the designs run A B B A A B ...: a machine whose speed drifts favours neither.
 */
export function repeatOrder(repeat: number): Architecture[] {
  return repeat % 2 === 1 ? ["sync", "async"] : ["async", "sync"];
}

/**
 * The suite's runs: for each scenario its comparison repeats, then the async side at each
 * memory size of `memorySweep` and the sync side at each task size of `taskSweep` (when the
 * scenario measures that design). The order alternates over the suite's comparison runs, not
 * per scenario, so with one repeat each the second scenario runs async first: no design always
 * gets the machine first.
 */
export function planSuite(scenarios: readonly Scenario[], o: SuiteOptions): PlannedRun[] {
  const runs: PlannedRun[] = [];
  let compared = 0;
  for (const s of scenarios) {
    for (let r = 1; r <= o.repeat; r += 1) {
      compared += 1;
      runs.push({ scenario: s, kind: "compare", repeat: r, order: repeatOrder(compared) });
    }
    const measures = (a: Architecture) => s.architectures === "both" || s.architectures === a;
    if (measures("async")) {
      for (const memorySizeMB of o.memorySweep) {
        const swept = applyOverrides(s, { architectures: "async", memorySizeMB });
        runs.push({ scenario: swept, kind: "memory", repeat: 1, order: ["async"], memorySizeMB });
      }
    }
    if (measures("sync")) {
      for (const taskVcpu of o.taskSweep) {
        const swept = applyOverrides(s, { architectures: "sync", taskVcpu });
        runs.push({ scenario: swept, kind: "task", repeat: 1, order: ["sync"], taskVcpu });
      }
    }
  }
  return runs;
}
