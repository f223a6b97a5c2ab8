import type { ArchitectureResult } from "@queueshift/shared-model";
import { logNormal, recordHistogram, seededRandom } from "./recorded-histogram.js";
import type { SyntheticOptionsResolved } from "./synthetic-options.js";
import { syntheticColumns } from "./synthetic-series.js";

/** One architecture's result from its simulated samples and time-series rows. */
export function archResult(
  kind: "sync" | "async",
  o: SyntheticOptionsResolved,
  start: number,
  samples: number[],
  rows: (number | null)[][],
): ArchitectureResult {
  const sent = samples.length;
  const failed = kind === "async" ? o.failed : 0;
  const phases = [
    { name: "warmup" as const, startSeconds: start, endSeconds: start + o.warmupSeconds },
    {
      name: "measure" as const,
      startSeconds: start + o.warmupSeconds,
      endSeconds: start + o.warmupSeconds + o.measureSeconds,
    },
  ];
  const achievedRate = (sent - failed) / o.measureSeconds;
  const common = {
    phases,
    offeredRate: sent / o.measureSeconds,
    achievedRate,
    timeSeries: {
      intervalSeconds: 1,
      columns: syntheticColumns(kind),
      rows,
    },
    notes: [`synthetic ${kind} run (seed ${o.seed})`],
  };
  const counters = {
    scheduled: sent,
    sent,
    missed: 0,
    succeeded: sent - failed,
    failed,
    timeouts: 0,
    statusCodes: { [kind === "sync" ? "200" : "202"]: sent - failed },
  };
  if (kind === "sync") {
    return {
      ...common,
      architecture: "sync",
      settings: { workers: 2 },
      counters,
      histograms: { latency: recordHistogram(samples) },
      resources: [
        { component: "sync-worker-1", cpuSeconds: o.measureSeconds * 0.3, peakRssBytes: 120e6 },
      ],
      ...(o.capacityPerVcpu === undefined ? {} : { capacityPerVcpu: o.capacityPerVcpu }),
    };
  }
  return asyncResult(o, common, counters, samples);
}

function asyncResult(
  o: SyntheticOptionsResolved,
  common: Omit<
    ArchitectureResult,
    "architecture" | "settings" | "counters" | "histograms" | "resources"
  >,
  counters: ArchitectureResult["counters"],
  samples: number[],
): ArchitectureResult {
  const random = seededRandom(o.seed + 3);
  const handlerMs = logNormal(random, o.handlerMedianMs, 0.3);
  const sent = samples.length;
  const invocations = Math.ceil(sent / 8);
  const handler = Array.from({ length: invocations }, () => handlerMs() * 8);
  const billed = handler.reduce((sum, v) => sum + Math.ceil(v), 0);
  return {
    ...common,
    architecture: "async",
    settings: {
      memorySizeMB: 1024,
      batchSize: 10,
      batchingWindowSeconds: 0,
      maxConcurrency: 5,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      functionTimeoutSeconds: 30,
    },
    counters: {
      ...counters,
      dlq: o.dlq,
      duplicates: 0,
      retries: o.retries,
      lost: o.lost,
      coldStarts: 5,
      invocations,
    },
    histograms: {
      latency: recordHistogram(samples),
      submit: recordHistogram(samples.map((v) => v * 0.03 + 1)),
      queueWait: recordHistogram(samples.map((v) => v * 0.5)),
      batchWait: recordHistogram(samples.map((v) => v * 0.05)),
      init: recordHistogram([420, 390, 450, 410, 405]),
      handler: recordHistogram(handler),
    },
    resources: [{ component: "lambda-env-1", cpuSeconds: billed / 1000, peakRssBytes: 180e6 }],
    lambda: {
      memorySizeMB: 1024,
      architecture: "x86_64",
      invocations,
      coldStarts: 5,
      environmentsCreated: 5,
      billedDurationMsTotal: billed,
      initDurationMsTotal: 2075,
      maxMemoryUsedMB: 180,
      batchSizeMean: sent / invocations,
      maxConcurrency: 5,
    },
    queue: {
      sends: sent,
      receives: invocations + 300,
      emptyReceives: 300,
      deletes: invocations,
      meanMessageBytes: 1800,
    },
  };
}
