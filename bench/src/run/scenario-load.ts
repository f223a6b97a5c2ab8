import { WORKLOADS } from "@queueshift/shared-model";
import { type BodySource, readJsonLinesBodies, templateBodies } from "../load/body-source.js";
import { createWorkloadMix, type WorkloadMix } from "../load/workload-mix.js";
import type { Scenario } from "../scenario/scenario-types.js";

/** The scenario's workload mix; the same seed gives both architectures the same bodies. */
export function scenarioMix(scenario: Scenario): WorkloadMix {
  return createWorkloadMix(
    scenario.workload.map((w) => ({ name: w.preset, weight: w.weight, body: WORKLOADS[w.preset] })),
    scenario.seed,
  );
}

/**
 * The request bodies both designs send: the scenario's `bodies` (JSON Lines or template) or
 * its workload mix; either way a function of (seed, arrival index), the same for both designs.
 */
export async function scenarioBodies(scenario: Scenario): Promise<BodySource> {
  const b = scenario.bodies;
  if (b !== undefined) {
    return "file" in b
      ? readJsonLinesBodies(b.file, b.order, scenario.seed)
      : templateBodies(b.template, scenario.seed);
  }
  const mix = scenarioMix(scenario);
  return { bodyFor: mix.bodyFor, first: JSON.stringify(mix.entries[0]?.body) };
}

/** Settings every architecture's load uses (recorded in `settings.load`). */
export const LOAD_DEFAULTS = Object.freeze({
  /** Keep-alive connections of the generator's pool (undici). */
  connections: 64,
  /** ms per request before it counts as a timeout. */
  timeoutMs: 10_000,
  /** us in-flight requests may finish after the last arrival. */
  graceUs: 10_000_000,
});

/** When the last completion of a phase happened, for "achieved" rates. */
export function achievedRate(completions: number, spanSeconds: number): number {
  return spanSeconds > 0 ? Math.round((completions / spanSeconds) * 1_000) / 1_000 : 0;
}
