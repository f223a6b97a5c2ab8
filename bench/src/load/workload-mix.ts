import type { FieldIssue } from "@queueshift/shared-model";
import { assertNoIssues } from "./errors.js";
import { hashUniform } from "./prng.js";
import type { Arrival } from "./schedule.js";

/** One kind of request in a workload mix. */
export interface WorkloadEntry {
  readonly name: string;
  /** Relative weight (> 0); weights need not sum to 1. */
  readonly weight: number;
  /** The JSON body; serialised once, not per request. */
  readonly body: unknown;
}

/** Picks the request body for an arrival. */
export type BodyChooser = (arrival: Arrival) => string;

/** A weighted mix whose choice depends only on (seed, arrival index). */
export interface WorkloadMix {
  readonly entries: readonly WorkloadEntry[];
  /** The entry an arrival gets. */
  entryFor(arrival: Arrival): WorkloadEntry;
  /** The serialised body an arrival gets (pass as a sender's `body`). */
  readonly bodyFor: BodyChooser;
}

/**
 * Builds a weighted workload mix. The choice is a hash of (seed, arrival index), so the same
 * schedule sends the same body sequence to the sync and the async target: the two runs differ
 * only in the architecture, not in luck.
 */
export function createWorkloadMix(entries: readonly WorkloadEntry[], seed = 1): WorkloadMix {
  const issues: FieldIssue[] = [];
  if (entries.length === 0) issues.push({ path: "entries", message: "must not be empty" });
  entries.forEach((e, i) => {
    if (!(Number.isFinite(e.weight) && e.weight > 0)) {
      issues.push({ path: `entries/${i}/weight`, message: "must be a finite number > 0" });
    }
  });
  assertNoIssues(issues, "workload mix");
  const frozen = Object.freeze(entries.map((e) => Object.freeze({ ...e })));
  const bodies = frozen.map((e) => JSON.stringify(e.body));
  const total = frozen.reduce((sum, e) => sum + e.weight, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const e of frozen) {
    acc += e.weight / total;
    cumulative.push(acc);
  }
  const indexFor = (arrival: Arrival): number => {
    const u = hashUniform(seed, arrival.index);
    const i = cumulative.findIndex((c) => u < c);
    return i === -1 ? frozen.length - 1 : i;
  };
  return Object.freeze({
    entries: frozen,
    entryFor: (arrival: Arrival) => frozen[indexFor(arrival)] as WorkloadEntry,
    bodyFor: (arrival: Arrival) => bodies[indexFor(arrival)] as string,
  });
}
