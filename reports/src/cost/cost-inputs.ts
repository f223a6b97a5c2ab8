import {
  type Architecture,
  type ArchitectureResult,
  ASYNC_DEFAULTS,
  type AsyncCostInput,
  type BatchFill,
  expectedBatchSize,
  MB_PER_VCPU,
  type MeasuredCpuShare,
  measuredCpuShare,
  type ResultDocument,
  type SyncCostInput,
  type SyncPlatform,
  scaleDurationForMemory,
  type TrafficProfile,
} from "@queueshift/shared-model";
import {
  architectureOf,
  messageBytes,
  numberSetting,
  syncCapacity,
  USAGE_DEFAULTS,
} from "./measured-usage.js";
import { PRICE_CHOICE_DEFAULTS, type PriceChoice } from "./price-choice.js";

/** Cost-model inputs derived from a run, without traffic (the caller supplies a profile). */
export interface CostInputs {
  readonly sync: Omit<SyncCostInput, "traffic"> | null;
  readonly async: Omit<AsyncCostInput, "traffic"> | null;
  /** Memory the async input durations stand for (the configured size, after CPU-share scaling), MB. */
  readonly measuredMemoryMb: number | null;
  readonly architecture: Architecture;
  /** How each measured number became an input (shown in the reports). */
  readonly notes: readonly string[];
}

/** The run's Lambda architecture, overridden by the user's --arch. */
export function resolvedArchitecture(doc: ResultDocument, choice: PriceChoice): Architecture {
  if (choice.arch !== null) return choice.arch;
  return architectureOf(doc, "async")?.lambda?.architecture === "arm64" ? "arm64" : "x86";
}

function platformFor(choice: PriceChoice, architecture: Architecture): SyncPlatform {
  const d = PRICE_CHOICE_DEFAULTS;
  if (choice.platform === "ec2") {
    return {
      kind: "ec2",
      instanceType: architecture === "arm64" ? d.ec2InstanceArm64 : d.ec2InstanceX86,
    };
  }
  return { kind: "fargate", architecture, vcpu: d.fargateVcpu, memoryGb: d.fargateMemoryGb };
}

// The event source mapping caps concurrent batches at 1,250 (aws-facts.md 2.1, A).
const MAX_ESM_CONCURRENCY = 1250;

/**
 * Cold starts in a month: the environments needed at the peak (the run's peak concurrency
 * scaled by peak / achieved rate) replaced once an hour (idle reaping between bursts and
 * Lambda's periodic recycling). A deliberate over-estimate; INIT is a small share of cost.
 */
export function monthlyColdStarts(arch: ArchitectureResult, traffic: TrafficProfile): number {
  const l = arch.lambda;
  if (l === undefined) return 0;
  const concurrency = Math.max(1, l.maxConcurrency);
  const scale = arch.achievedRate > 0 ? traffic.peakRate / arch.achievedRate : 1;
  const envs = Math.min(MAX_ESM_CONCURRENCY, Math.max(1, Math.ceil(concurrency * scale)));
  return envs * traffic.hourlyRates.length;
}

/**
 * Billed handler ms per invocation, INIT excluded: a cold invocation's billed duration already
 * includes its INIT (REPORT lines of container images, aws-facts.md 1.2; the harness bills
 * ceil(duration + init)), and the cost model adds INIT once per cold start, so the run's INIT
 * total comes off before dividing.
 */
export function billedHandlerMsPerInvocation(arch: ArchitectureResult): number {
  const l = arch.lambda;
  if (l === undefined) return 0;
  if (l.invocations > 0)
    return Math.max(0, l.billedDurationMsTotal - l.initDurationMsTotal) / l.invocations;
  const handler = arch.histograms.handler;
  return handler !== undefined && handler.count > 0
    ? (handler.mean / 1000) * Math.max(1, l.batchSizeMean)
    : 0;
}

/** The run's measured mean batch: records / batches, else results / invocations. */
export function measuredMeanBatch(arch: ArchitectureResult): number {
  const l = arch.lambda;
  if (l !== undefined && l.batchSizeMean > 0) return l.batchSizeMean;
  const invocations = l?.invocations ?? arch.counters.invocations ?? 0;
  const c = arch.counters;
  return invocations > 0 ? Math.max(1, (c.succeeded + c.failed) / invocations) : 1;
}

/** The event source mapping the run used: BatchSize, window, and pollers (at most 5 to start, aws-facts.md 2.1). */
export function runBatchFill(arch: ArchitectureResult): BatchFill {
  const concurrency = numberSetting(arch, "maxConcurrency", "maximumConcurrency");
  return {
    maxBatchSize: Math.max(
      1,
      numberSetting(arch, "batchSize") ?? Math.ceil(measuredMeanBatch(arch)),
    ),
    windowSeconds: numberSetting(arch, "batchingWindowSeconds") ?? 0,
    pollers: Math.max(1, Math.min(ASYNC_DEFAULTS.pollers, concurrency ?? ASYNC_DEFAULTS.pollers)),
  };
}

function batchNotes(arch: ArchitectureResult, perMessageMs: number): string {
  const fill = runBatchFill(arch);
  const duration = { durationPerInvocationMs: 0, durationPerMessageMs: perMessageMs };
  const modelled = expectedBatchSize(arch.offeredRate, fill, duration);
  const measured = measuredMeanBatch(arch);
  // The model leaves out poll and invoke round trips, which fill a busy local poller's batches.
  const lean =
    measured > modelled * 1.25
      ? "; the model fills less than the run did, so B's projected cost leans high"
      : measured * 1.25 < modelled
        ? "; the model fills more than the run did, so B's projected cost leans low"
        : "";
  return `async: mean batch from the arrival rate (BatchSize ${fill.maxBatchSize}, window ${fill.windowSeconds} s, ${ASYNC_DEFAULTS.pollers} pollers at your volume): the model gives ${modelled.toFixed(2)} at the run's ${arch.offeredRate.toFixed(1)} req/s (${fill.pollers} pollers) where the run measured ${measured.toFixed(2)}${lean}`;
}

/**
 * Handler ms at the configured memory from ms measured at `share`: unchanged when the run applied
 * the memory's CPU share; scaled by Lambda's share (min(1, MB / 1,769), aws-facts 1.3) when it ran
 * at a full core. The memory size a share stands for is share x 1,769 MB (at least 128 MB).
 */
export function atConfiguredMemory(ms: number, share: MeasuredCpuShare, memoryMb: number): number {
  const measuredAtMb = Math.max(128, Math.min(1, share.cores) * MB_PER_VCPU);
  return scaleDurationForMemory(ms, measuredAtMb, memoryMb);
}

function asyncInput(
  doc: ResultDocument,
  arch: ArchitectureResult,
  choice: PriceChoice,
  architecture: Architecture,
  bytes: { request: number; response: number },
  traffic: TrafficProfile,
): { input: Omit<AsyncCostInput, "traffic">; notes: string[] } | null {
  const l = arch.lambda;
  if (l === undefined) return null;
  const batch = measuredMeanBatch(arch);
  const share = measuredCpuShare(doc, arch);
  const measuredPerInvocation = billedHandlerMsPerInvocation(arch);
  const perInvocation = atConfiguredMemory(measuredPerInvocation, share, l.memorySizeMB);
  const initMs = l.coldStarts > 0 ? Math.min(10_000, l.initDurationMsTotal / l.coldStarts) : 0;
  const coldStarts = monthlyColdStarts(arch, traffic);
  const logBytes =
    numberSetting(arch, "logBytesPerInvocation") ?? USAGE_DEFAULTS.logBytesPerInvocation;
  const input: Omit<AsyncCostInput, "traffic"> = {
    requestBytes: bytes.request,
    apiGateway: choice.apiGateway ?? "http",
    apiRequestsPerJob: 1 + choice.resultPolls,
    queue: {
      meanBatchSize: batch,
      batchFill: { ...runBatchFill(arch), pollers: ASYNC_DEFAULTS.pollers },
    },
    lambda: {
      architecture,
      memoryMb: l.memorySizeMB,
      // The run records billed ms per invocation only: all of it is charged per message, so
      // a larger batch takes proportionally longer (right for CPU-bound work).
      durationPerInvocationMs: 0,
      durationPerMessageMs: perInvocation / batch,
      coldStarts,
      initMs,
      logBytesPerInvocation: logBytes,
    },
    results: { enabled: true, resultBytes: bytes.response },
  };
  const scaled =
    perInvocation === measuredPerInvocation
      ? ""
      : `; scaled from ${measuredPerInvocation.toFixed(1)} ms to ${l.memorySizeMB} MB's CPU share`;
  const notes = [
    `async: ${(perInvocation / batch).toFixed(2)} billed ms per message (${perInvocation.toFixed(1)} ms per invocation, INIT excluded, / mean batch ${batch.toFixed(2)}), ${l.memorySizeMB} MB`,
    `async: handler durations ${share.note}${scaled}`,
    batchNotes(arch, perInvocation / batch),
    `async: ${1 + choice.resultPolls} API request(s) per job (submit + ${choice.resultPolls} result polls)`,
    `async: ${coldStarts.toFixed(0)} cold starts a month (peak environments x ${traffic.hourlyRates.length} hours) x ${initMs.toFixed(0)} ms INIT`,
    `async: ${logBytes} log bytes per invocation${numberSetting(arch, "logBytesPerInvocation") === undefined ? " (default estimate, not measured)" : ""}`,
  ];
  if (arch.settings.provisionedPollerConfig !== undefined) {
    notes.push(
      "async: the run used provisioned mode, priced here as standard mode: its Event Poller Units are not in the cost (AWS's price is unconfirmed, aws-facts 0.3)",
    );
  }
  return { input, notes };
}

/** Maps a run's measurements to the cost model's inputs for `traffic` (see README "Cost"). */
export function costInputs(
  doc: ResultDocument,
  choice: PriceChoice,
  traffic: TrafficProfile,
): CostInputs {
  const architecture = resolvedArchitecture(doc, choice);
  const bytes = messageBytes(doc);
  const notes: string[] = [`message ${bytes.request} B, response/result ${bytes.response} B`];
  const s = architectureOf(doc, "sync");
  let sync: Omit<SyncCostInput, "traffic"> | null = null;
  if (s !== undefined) {
    const cap = syncCapacity(s, doc);
    notes.push(`sync: ${cap.note}`);
    sync = {
      capacityPerVcpu: cap.capacityPerVcpu,
      platform: platformFor(choice, architecture),
      requestBytes: bytes.request,
      responseBytes: bytes.response,
      apiGateway: choice.apiGateway ?? "none",
      network: { kind: choice.syncNetwork },
    };
    notes.push(`sync: network ${choice.syncNetwork} (aws-facts.md 0.13)`);
  }
  const a = architectureOf(doc, "async");
  const built = a === undefined ? null : asyncInput(doc, a, choice, architecture, bytes, traffic);
  if (built !== null) notes.push(...built.notes);
  return {
    sync,
    async: built?.input ?? null,
    measuredMemoryMb: a?.lambda?.memorySizeMB ?? null,
    architecture,
    notes,
  };
}
