import type { AnalyzeRequest } from "../contracts.js";

/**
 * Named request presets for benchmarks: synthetic datasets with fixed seeds, all four analyses,
 * default options. Sizes were calibrated with `npm run bench:core` on the 2-core dev machine
 * (Node 20) so that one request costs about 1 ms (light), 10 ms (medium) and 100 ms (heavy) of
 * single-threaded CPU; see docs/analyses.md for the measured times.
 */
export const WORKLOADS = {
  light: { dataset: { kind: "synthetic", size: 600, seed: 1 } },
  medium: { dataset: { kind: "synthetic", size: 4_000, seed: 2 } },
  heavy: { dataset: { kind: "synthetic", size: 30_000, seed: 3 } },
} as const satisfies Record<string, AnalyzeRequest>;

/** Name of a workload preset. */
export type WorkloadName = keyof typeof WORKLOADS;

/** Preset names from lightest to heaviest. */
export const WORKLOAD_NAMES: readonly WorkloadName[] = ["light", "medium", "heavy"];
