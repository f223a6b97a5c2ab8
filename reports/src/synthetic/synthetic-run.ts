import {
  type ArchitectureResult,
  assertResultDocument,
  RESULT_SCHEMA_VERSION,
  type ResultDocument,
} from "@queueshift/shared-model";
import { logNormal, seededRandom } from "./recorded-histogram.js";
import { archResult } from "./synthetic-architecture.js";
import {
  SYNTHETIC_DEFAULTS,
  type SyntheticOptionsResolved,
  type SyntheticRunOptions,
} from "./synthetic-options.js";
import { syntheticRow } from "./synthetic-series.js";

export type { SyntheticRunOptions };

function simulate(
  kind: "sync" | "async",
  o: SyntheticOptionsResolved,
  startSeconds: number,
): ArchitectureResult {
  const random = seededRandom(o.seed + (kind === "sync" ? 1 : 2));
  const base = logNormal(random, kind === "sync" ? o.syncMedianMs : o.asyncMedianMs, 0.45);
  const total = o.warmupSeconds + o.measureSeconds;
  const burstStart = o.warmupSeconds + Math.floor(o.measureSeconds * 0.45);
  const burstEnd = burstStart + Math.max(1, Math.floor(o.measureSeconds / 10));
  const capacity = o.rate * 1.6; // async jobs/s the consumers drain
  const measured: number[] = [];
  const rows: (number | null)[][] = [];
  let backlog = 0;
  for (let s = 0; s < total; s++) {
    const inBurst = s >= burstStart && s < burstEnd;
    const arrivals = Math.round(o.rate * (inBurst ? o.burstMultiplier : 1));
    const processed = Math.min(backlog + arrivals, capacity);
    backlog = Math.max(0, backlog + arrivals - processed);
    const wait = kind === "async" ? (backlog / capacity) * 1000 : inBurst ? o.syncMedianMs : 0;
    const samples = Array.from(
      { length: arrivals },
      () => (base() + wait * random()) * o.latencyScale,
    );
    if (s >= o.warmupSeconds) measured.push(...samples);
    samples.sort((a, b) => a - b);
    const second = {
      index: s,
      warmup: s < o.warmupSeconds,
      arrivals,
      processed,
      backlog,
      capacity,
      cold: s === 0 ? 3 : s === burstStart ? 2 : 0,
      dlq: s >= burstEnd ? o.dlq : 0, // the poison messages land in the DLQ after the burst
      sortedMs: samples,
    };
    rows.push(syntheticRow(kind, second));
  }
  return archResult(kind, o, startSeconds, measured, rows);
}

/** A complete, valid result document with synthetic but realistic measurements. */
export function syntheticRun(options: SyntheticRunOptions = {}): ResultDocument {
  const o = {
    ...SYNTHETIC_DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as SyntheticOptionsResolved;
  const perArch = o.warmupSeconds + o.measureSeconds;
  const architectures = o.architectures.map((kind, i) => simulate(kind, o, i * perArch));
  const both = o.architectures.includes("async");
  return assertResultDocument({
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: o.runId,
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: new Date(
      Date.UTC(2026, 0, 1) + perArch * architectures.length * 1000,
    ).toISOString(),
    tool: { name: "queueshift", version: "0.1.0" },
    scenario: {
      name: "synthetic",
      description: "synthetic steady load with one burst",
      definition: { rate: o.rate },
    },
    machine: {
      cpuModel: "Synthetic CPU",
      cores: 2,
      memoryBytes: 8 * 2 ** 30,
      os: "linux 6.1",
      node: "v22.0.0",
    },
    versions: { fastify: "5.0.0", "hdr-histogram-js": "3.0.1" },
    broker: both
      ? {
          kind: "elasticmq-jvm",
          reason: "synthetic",
          endpoint: "http://127.0.0.1:9324",
          version: "1.6.16",
        }
      : null,
    architectures,
    outcome: { status: "completed" },
  });
}
