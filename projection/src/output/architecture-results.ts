import type { ArchitectureResult, Phase } from "@queueshift/shared-model";
import type { AsyncRunOutput } from "../async/async-model.js";
import type { AsyncParams } from "../async/async-params.js";
import { encodeHdr } from "../engine/histogram.js";
import type { MeasureWindow, OutcomeCounts } from "../engine/recorder.js";
import type { SyncRunOutput } from "../sync/sync-model.js";
import type { SyncParams } from "../sync/sync-params.js";

const r3 = (x: number) => Math.round(x * 1_000) / 1_000;

// The fields both designs fill the same way: settings, phases, rates and the outcome counters.
function common(
  architecture: "sync" | "async",
  params: object,
  c: OutcomeCounts,
  w: MeasureWindow,
  end: number,
) {
  const seconds = w.end - w.start;
  const phases: Phase[] = [
    { name: "warmup", startSeconds: 0, endSeconds: w.start },
    { name: "measure", startSeconds: w.start, endSeconds: w.end },
    { name: "drain", startSeconds: w.end, endSeconds: Math.max(w.end, end) },
  ];
  const counters = {
    scheduled: c.scheduled,
    sent: c.scheduled,
    missed: 0,
    succeeded: c.succeeded,
    failed: c.failed,
    timeouts: c.timeouts,
  };
  return {
    architecture,
    settings: { ...params, simulated: true },
    phases,
    offeredRate: r3(c.scheduled / seconds),
    achievedRate: r3(c.succeeded / seconds),
    counters,
  };
}

/** Design A's simulated window as a result document's architecture entry. */
export function syncArchitecture(
  p: SyncParams,
  out: SyncRunOutput,
  w: MeasureWindow,
): ArchitectureResult {
  const c = out.recorder.counts;
  const share = Math.min(1, p.vcpu / p.workersPerTask);
  const meanServiceS = out.serviceTime.totalCount > 0 ? out.serviceTime.mean / 1e6 : 0;
  const base = common("sync", p, c, w, out.endTime);
  return {
    ...base,
    counters: {
      ...base.counters,
      statusCodes: {
        "200": c.succeeded,
        ...(c.timeouts > 0 ? { "504": c.timeouts } : {}),
        ...(c.failed > 0 ? { "503": c.failed } : {}),
      },
    },
    histograms: {
      latency: out.recorder.encodedLatency(),
      serviceTime: encodeHdr(out.serviceTime),
      queueWait: encodeHdr(out.queueWait),
    },
    timeSeries: out.series,
    resources: [],
    ...(meanServiceS > 0 ? { capacityPerVcpu: r3(1 / (meanServiceS * share)) } : {}),
    usage: {
      taskSeconds: r3(out.taskSeconds),
      vcpuSeconds: r3(out.taskSeconds * p.vcpu),
      gbSeconds: r3(out.taskSeconds * p.memoryGb),
      requests: c.scheduled,
      peakTasks: out.peakTasks,
      scaleEvents: out.scaleEvents.length,
    },
    notes: [
      "projection: simulated, not measured; inFlight is the time-averaged number of requests in the system per interval",
      `scale events (t s: from -> to tasks): ${out.scaleEvents.map((e) => `${Math.round(e.t)}: ${e.from}->${e.to}`).join(", ") || "none"}`,
      "timeouts: requests the balancer answered 504 after requestTimeoutSeconds; still-queued ones are dropped when a worker reaches them",
    ],
  };
}

/** Design B's simulated window as a result document's architecture entry. */
export function asyncArchitecture(
  p: AsyncParams,
  out: AsyncRunOutput,
  w: MeasureWindow,
  meanMessageBytes: number,
  maxMemoryUsedMb: number | null,
): ArchitectureResult {
  const c = out.recorder.counts;
  const t = out.totals;
  const gbSeconds = (t.billedMs / 1_000) * (p.memoryMb / 1_024);
  const sqsRequests = t.sqsSends + t.sqsReceives + Math.round(t.sqsEmptyReceives) + t.sqsDeletes;
  const base = common("async", p, c, w, out.endTime);
  return {
    ...base,
    counters: {
      ...base.counters,
      statusCodes: { "202": c.scheduled },
      dlq: t.dlq,
      duplicates: 0,
      retries: t.retries,
      lost: t.unfinished,
      coldStarts: t.coldStarts,
      invocations: t.invocations,
    },
    histograms: {
      latency: out.recorder.encodedLatency(),
      submit: encodeHdr(out.histograms.submit),
      queueWait: encodeHdr(out.histograms.queueWait),
      batchWait: encodeHdr(out.histograms.batchWait),
      init: encodeHdr(out.histograms.init),
      handler: encodeHdr(out.histograms.handler),
      resultWait: encodeHdr(out.histograms.resultWait),
    },
    timeSeries: out.series,
    resources: [],
    lambda: {
      memorySizeMB: Math.round(p.memoryMb),
      architecture: p.architecture === "arm64" ? "arm64" : "x86_64",
      invocations: t.invocations,
      coldStarts: t.coldStarts,
      environmentsCreated: t.coldStarts,
      billedDurationMsTotal: t.billedMs,
      initDurationMsTotal: r3(t.initMs),
      maxMemoryUsedMB: maxMemoryUsedMb ?? 0,
      batchSizeMean: t.invocations > 0 ? r3(t.messagesInvoked / t.invocations) : 0,
      maxConcurrency: t.peakConcurrency,
    },
    queue: {
      sends: t.sqsSends,
      receives: t.sqsReceives,
      emptyReceives: Math.round(t.sqsEmptyReceives),
      deletes: t.sqsDeletes,
      meanMessageBytes,
    },
    usage: {
      invocations: t.invocations,
      gbSeconds: r3(gbSeconds),
      billedMs: t.billedMs,
      sqsRequests,
      apiRequests: c.scheduled,
      throttles: t.throttles,
      throttlesAtConcurrency: t.throttlesAtConcurrency,
      peakEnvironments: t.peakEnvironments,
      environmentsCreated: t.environmentsCreated,
      environmentsReaped: t.environmentsReaped,
    },
    notes: [
      "projection: simulated, not measured; jobsInFlight is the time-averaged number of jobs in the system per interval",
      "latency = handler end of the job's batch - intended arrival (the results hop is not modelled)",
      `throttled invokes in the window: ${t.throttles}; lost = jobs still unfinished when the drain limit ended`,
    ],
  };
}
