import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";

/** Defaults for usage a result document does not record (units in comments; README "Cost"). */
export const USAGE_DEFAULTS = Object.freeze({
  requestBytes: 2048, // bytes per request when the run records no message size
  responseBytes: 4096, // bytes per response/result when the run records none
  // bytes of START/END/REPORT lines per invocation: three short lines; measure real log streams
  logBytesPerInvocation: 350,
});

/** The architecture result of `kind`, if the run measured it. */
export function architectureOf(
  doc: ResultDocument,
  kind: "sync" | "async",
): ArchitectureResult | undefined {
  return doc.architectures.find((a) => a.architecture === kind);
}

/** A numeric setting of the run, if present and finite. */
export function numberSetting(arch: ArchitectureResult, ...names: string[]): number | undefined {
  for (const name of names) {
    const v = arch.settings[name];
    if (typeof v === "number" && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** Seconds of the measure phase (else the whole time series). */
export function measuredSeconds(arch: ArchitectureResult): number {
  const measure = arch.phases.find((p) => p.name === "measure");
  if (measure !== undefined && measure.endSeconds > measure.startSeconds)
    return measure.endSeconds - measure.startSeconds;
  return Math.max(1, arch.timeSeries.rows.length * arch.timeSeries.intervalSeconds);
}

/** What the sync run says about capacity, and where the number came from. */
export interface SyncCapacity {
  /** Requests/s one vCPU sustains (one worker per vCPU). */
  readonly capacityPerVcpu: number;
  readonly workers: number;
  readonly source: "measured" | "inferred";
  readonly note: string;
}

/**
 * Capacity per vCPU: `capacityPerVcpu` when the run measured it; otherwise the achieved rate
 * divided by the worker count, at the latency the run measured. An unsaturated run makes the
 * inferred number a lower bound (A's cost is then an upper bound).
 */
export function syncCapacity(arch: ArchitectureResult, doc: ResultDocument): SyncCapacity {
  const workers = Math.max(1, numberSetting(arch, "workers", "workerCount") ?? doc.machine.cores);
  if (arch.capacityPerVcpu !== undefined && arch.capacityPerVcpu > 0) {
    return {
      capacityPerVcpu: arch.capacityPerVcpu,
      workers,
      source: "measured",
      note: `capacity ${arch.capacityPerVcpu.toFixed(1)} req/s per vCPU (measured by the run)`,
    };
  }
  // Zero would make A's task count infinite; a run that served nothing gets a token 0.01.
  const capacityPerVcpu = Math.max(0.01, arch.achievedRate / workers);
  return {
    capacityPerVcpu,
    workers,
    source: "inferred",
    note: `capacity ${capacityPerVcpu.toFixed(1)} req/s per vCPU inferred as achieved rate ${arch.achievedRate.toFixed(1)} req/s / ${workers} workers (a lower bound unless the run saturated the service)`,
  };
}

/** Message and result sizes of the run, bytes. */
export function messageBytes(doc: ResultDocument): { request: number; response: number } {
  const a = architectureOf(doc, "async");
  const s = architectureOf(doc, "sync");
  const fromSettings = (name: string) =>
    (a && numberSetting(a, name)) ?? (s && numberSetting(s, name));
  const queued = a?.queue?.meanMessageBytes;
  return {
    request:
      queued !== undefined && queued > 0
        ? queued
        : (fromSettings("requestBytes") ?? USAGE_DEFAULTS.requestBytes),
    response:
      fromSettings("responseBytes") ?? fromSettings("resultBytes") ?? USAGE_DEFAULTS.responseBytes,
  };
}
