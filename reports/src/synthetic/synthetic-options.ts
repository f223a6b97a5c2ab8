/** Knobs of a synthetic run (for tests, demos and the render benchmark). */
export interface SyntheticRunOptions {
  readonly runId?: string;
  readonly seed?: number;
  readonly architectures?: readonly ("sync" | "async")[];
  /** Seconds of warm-up and of measurement (one time-series row per second). */
  readonly warmupSeconds?: number;
  readonly measureSeconds?: number;
  /** Offered rate, requests/s; a burst of `burstMultiplier` x rate runs for a tenth of the measure phase. */
  readonly rate?: number;
  readonly burstMultiplier?: number;
  readonly syncMedianMs?: number;
  readonly asyncMedianMs?: number;
  /** Median handler time per message, ms (drives Lambda cost). */
  readonly handlerMedianMs?: number;
  /** Multiplies every latency sample (plants a regression). */
  readonly latencyScale?: number;
  /** Async failure counters. */
  readonly failed?: number;
  readonly dlq?: number;
  readonly retries?: number;
  readonly lost?: number;
  /** Record `capacityPerVcpu` for sync (otherwise reports infer it). */
  readonly capacityPerVcpu?: number;
}

/** Defaults of a synthetic run (units in comments). */
export const SYNTHETIC_DEFAULTS = {
  runId: "2026-01-01T00-00-00Z-synthetic",
  seed: 42,
  architectures: ["sync", "async"] as readonly ("sync" | "async")[],
  warmupSeconds: 10, // s
  measureSeconds: 60, // s
  rate: 40, // requests/s
  burstMultiplier: 3,
  syncMedianMs: 20, // ms
  asyncMedianMs: 150, // ms end to end at an empty queue
  handlerMedianMs: 12, // ms per message
  latencyScale: 1,
  failed: 0,
  dlq: 0,
  retries: 0,
  lost: 0,
};

/** Options with every default filled in. */
export type SyntheticOptionsResolved = typeof SYNTHETIC_DEFAULTS & { capacityPerVcpu?: number };
