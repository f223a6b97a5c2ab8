import {
  type ArchitectureResult,
  type Assumption,
  type EncodedHistogram,
  measuredCpuShare,
  type ResultDocument,
} from "@queueshift/shared-model";
import { type Distribution, deterministic, exponential, shifted } from "../engine/distribution.js";
import { decodeHdr, distributionOf } from "../engine/histogram.js";
import { ProjectionError, ProjectionErrorCodes } from "../engine/projection-error.js";
import { ASSUMED_DURATIONS, AWS_HOP_LATENCY } from "./defaults.js";
import { freshEnvironments, freshInvocations } from "./fresh-environments.js";
import { firstStage, invocationOverhead } from "./local-stages.js";

/** The inputs a run gives a projection, and what was measured vs assumed. */
export interface Calibration {
  readonly service: Distribution;
  readonly handlerPerMessage: Distribution;
  /** A new environment's 1st, 2nd, ... analysis over a warm one (the draws are then warm ones'). */
  readonly freshFactors: Float64Array | null;
  readonly init: Distribution;
  readonly accept: Distribution;
  readonly hop: Distribution;
  /** Per invocation, the environment's time besides the handler's per-message work. */
  readonly invocationOverhead: Distribution;
  /** A new environment's 1st, 2nd, ... invocation's work beyond `invocationOverhead`, s. */
  readonly freshInvocationExtra: Float64Array | null;
  /** Bytes per job message (SQS 64 KB chunks, API metering). */
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly maxMemoryUsedMb: number | null;
  /** Settings the run itself ran with (a fidelity check replays them). */
  readonly runSettings: { readonly syncWorkers?: number; readonly asyncMemoryMb?: number };
  /** Cores each sync worker of the run had: min(1, machine cores / workers, task share); null when unknown. */
  readonly coresPerWorker: number | null;
  /** CPU share the run's handler durations were measured at (1 = full core); null without an async run. */
  readonly handlerCpuShare: number | null;
  readonly assumptions: readonly Assumption[];
}

const usable = (h: EncodedHistogram | undefined): h is EncodedHistogram =>
  h !== undefined && h.count > 0;

function measured(name: string, d: Distribution, source: string, unit = "ms"): Assumption {
  return {
    name,
    kind: "measured",
    value: Math.round(d.mean * 1e6) / 1e3,
    unit,
    source: `${source}; ${d.description}`,
  };
}

function assumed(name: string, value: number | string, unit: string, source: string): Assumption {
  return { name, kind: "assumed", value, unit, source };
}

/**
 * Takes the measured distributions from a local run (sync `serviceTime`; async `handler`,
 * `init`, `submit`; Lambda and queue usage) and fills what it lacks with documented
 * assumptions. Throws QS_PROJECTION_INVALID_RUN when neither design has a usable duration.
 */
export function calibrate(doc: ResultDocument | null, origin = "run"): Calibration {
  const a: Assumption[] = [];
  const sync = doc?.architectures.find((x) => x.architecture === "sync");
  const async = doc?.architectures.find((x) => x.architecture === "async");
  if (doc !== null && doc.origin === "projection") {
    throw new ProjectionError(ProjectionErrorCodes.invalidRun, [
      { path: "origin", message: "is projection: calibrate from a measured run (origin local)" },
    ]);
  }
  const inWorker = sync?.histograms.serviceInWorker;
  const serviceH = usable(inWorker) ? inWorker : sync?.histograms.serviceTime;
  const handlerH = async?.histograms.handler;
  if (doc !== null && !usable(serviceH) && !usable(handlerH)) {
    throw new ProjectionError(ProjectionErrorCodes.invalidRun, [
      {
        path: "architectures[sync].histograms.serviceTime",
        message:
          "missing or empty, and so is architectures[async].histograms.handler: the run measured no service time to project from",
      },
    ]);
  }
  const fallback = exponential(ASSUMED_DURATIONS.serviceMs / 1_000);
  const outside = outsideHandler(inWorker, sync?.histograms.serviceTime);
  const service = shifted(
    pick(a, "sync.serviceTime", serviceH, handlerH, fallback, origin),
    outside,
    "the request's time outside the handler",
  );
  if (usable(serviceH)) a.push(serviceSource(usable(inWorker), outside, origin));
  // With the analyses by ordinal, the draws are the warm ones' and a fresh environment's first
  // are scaled by their factors (the whole-run histogram holds them where they fell).
  const fresh = freshEnvironments(async, origin);
  if (fresh) a.push(fresh.assumption);
  const handlerPerMessage = pick(
    a,
    "async.handlerPerMessage",
    fresh ? async?.histograms.handlerWarm : handlerH,
    serviceH,
    fallback,
    origin,
  );
  const init = pickOne(
    a,
    "async.init",
    async?.histograms.init,
    ASSUMED_DURATIONS.init,
    "aws-facts 4.1/0.12: Node INIT ~375 ms (C)",
    origin,
  );
  // Intended arrival -> the message on the queue (`enqueue`): what a job's latency holds before
  // the queue, of the jobs that met no backlog when there are enough of them (a local broker's
  // congestion is not SQS's). A run before it was recorded has only the 202's round trip
  // (`submit`), which also holds the response's way back: an over-estimate by that leg.
  const toQueue = firstStage(async?.histograms, ["enqueueCalm", "enqueue", "submit"]);
  const accept = pickOne(
    a,
    "async.accept",
    toQueue?.h,
    deterministic(ASSUMED_DURATIONS.acceptMs / 1_000),
    "assumed: no published API Gateway -> SQS figure",
    `${origin}: histograms.${toQueue?.name ?? "submit"}${toQueue?.name === "submit" ? " (the 202 round trip)" : ""}`,
  );
  a.push(
    assumed(
      "async.hop",
      Math.round(AWS_HOP_LATENCY.mean * 1e6) / 1e3,
      "ms",
      AWS_HOP_LATENCY.description,
    ),
  );
  const overhead = invocationOverhead(async, origin);
  a.push(
    overhead?.assumption ??
      assumed(
        "async.invocationOverhead",
        0,
        "ms",
        "assumed: the run measured no invocations; none beyond the handler",
      ),
  );
  const freshCalls = freshInvocations(async, origin);
  if (freshCalls) a.push(freshCalls.assumption);
  const rest = sizes(a, sync, async, origin);
  const coresPerWorker = doc === null ? null : workerCores(a, doc, sync, rest.runSettings, origin);
  const handlerCpuShare =
    doc === null || async === undefined ? null : handlerShare(a, doc, async, origin);
  return {
    service,
    handlerPerMessage,
    freshFactors: fresh?.factors ?? null,
    init,
    accept,
    hop: AWS_HOP_LATENCY,
    invocationOverhead: overhead?.d ?? deterministic(0),
    freshInvocationExtra: freshCalls?.extra ?? null,
    ...rest,
    coresPerWorker,
    handlerCpuShare,
    assumptions: a,
  };
}

// Which sync figure is the service time: the service's own (Server-Timing) excludes the wait for
// a busy worker and the balancer, which the simulation queues itself; send -> response holds them.
function serviceSource(inWorker: boolean, outside: number, origin: string): Assumption {
  return {
    name: "sync.serviceTimeSource",
    kind: inWorker ? "measured" : "assumed",
    value: inWorker ? "serviceInWorker" : "serviceTime",
    source: inWorker
      ? `${origin}: histograms.serviceInWorker, the handler's own time per request (Server-Timing app;dur), + ${(outside * 1e3).toFixed(2)} ms outside it (body parse, routing, reply, loopback: serviceTime p10 - serviceInWorker p10, where neither holds a wait), held by the worker`
      : `${origin}: histograms.serviceTime (send -> response): the target sent no Server-Timing, so it holds any wait inside the target (its balancer, a busy worker), queued again by the simulation`,
  };
}

// The request's time outside the handler's own span (Fastify's parse, routing and reply, the
// loopback both ways), from the two histograms' 10th percentiles: below them no request waited.
function outsideHandler(
  inWorker: EncodedHistogram | undefined,
  sendToResponse: EncodedHistogram | undefined,
): number {
  if (!usable(inWorker) || !usable(sendToResponse)) return 0;
  const p10 = (h: EncodedHistogram) => decodeHdr(h).getValueAtPercentile(10) / 1e6;
  return Math.max(0, p10(sendToResponse) - p10(inWorker));
}

// The run's workers shared the machine's cores (each had at most one), and with CPU quotas each
// ran in its task's share: one worker per whole vCPU, one for a fractional task (bench sync-stack).
function workerCores(
  a: Assumption[],
  doc: ResultDocument,
  sync: ArchitectureResult | undefined,
  settings: Calibration["runSettings"],
  origin: string,
): number | null {
  const workers = settings.syncWorkers;
  if (workers === undefined || workers <= 0) return null;
  const vcpu = sync?.settings.taskVcpuApplied;
  const applied = doc.cpuShares?.status === "applied" && typeof vcpu === "number" && vcpu > 0;
  const taskShare = applied ? Math.min(1, vcpu / Math.max(1, Math.floor(vcpu))) : 1;
  const cores = Math.min(1, doc.machine.cores / workers, taskShare);
  a.push({
    name: "sync.coresPerWorkerInRun",
    kind: "measured",
    value: cores,
    unit: "cores",
    source: `${origin}: min(1, ${doc.machine.cores} cores / ${workers} workers${applied ? `, task quota ${vcpu} vCPU` : ", no task quota"}); the load generator shared them`,
  });
  return cores;
}

// Handler durations were measured at the run's CPU share (issue 11 item 2).
function handlerShare(
  a: Assumption[],
  doc: ResultDocument,
  async: ArchitectureResult,
  origin: string,
): number {
  const share = measuredCpuShare(doc, async);
  a.push({
    name: "async.cpuShareInRun",
    kind: "measured",
    value: share.cores,
    unit: "cores",
    source: `${origin}: handler durations ${share.note}`,
  });
  return share.cores;
}

function pick(
  a: Assumption[],
  name: string,
  own: EncodedHistogram | undefined,
  other: EncodedHistogram | undefined,
  fallback: Distribution,
  origin: string,
): Distribution {
  if (usable(own)) {
    const d = distributionOf(own, name);
    a.push(measured(name, d, `${origin}: this design's histogram`));
    return d;
  }
  if (usable(other)) {
    const d = distributionOf(other, name);
    a.push({
      ...measured(name, d, `${origin}: the other design's histogram (the same core work)`),
      kind: "measured",
    });
    return d;
  }
  a.push(
    assumed(
      name,
      ASSUMED_DURATIONS.serviceMs,
      "ms",
      `assumed: ${fallback.description} (a medium analysis, bench scenario steady)`,
    ),
  );
  return fallback;
}

function pickOne(
  a: Assumption[],
  name: string,
  own: EncodedHistogram | undefined,
  fallback: Distribution,
  source: string,
  origin: string,
): Distribution {
  if (usable(own)) {
    const d = distributionOf(own, name);
    a.push(measured(name, d, `${origin}`));
    return d;
  }
  a.push(
    assumed(
      name,
      Math.round(fallback.mean * 1e6) / 1e3,
      "ms",
      `${source}; ${fallback.description}`,
    ),
  );
  return fallback;
}

function sizes(
  a: Assumption[],
  sync: ArchitectureResult | undefined,
  async: ArchitectureResult | undefined,
  origin: string,
): Pick<Calibration, "requestBytes" | "responseBytes" | "maxMemoryUsedMb" | "runSettings"> {
  const bytes = async?.queue?.meanMessageBytes;
  const requestBytes = bytes !== undefined && bytes > 0 ? bytes : 2_048;
  a.push(
    bytes !== undefined && bytes > 0
      ? {
          name: "requestBytes",
          kind: "measured",
          value: requestBytes,
          unit: "B",
          source: `${origin}: queue.meanMessageBytes`,
        }
      : assumed("requestBytes", requestBytes, "B", "reports USAGE_DEFAULTS.requestBytes"),
  );
  a.push(assumed("responseBytes", 4_096, "B", "reports USAGE_DEFAULTS.responseBytes"));
  const mem = async?.lambda?.maxMemoryUsedMB;
  const maxMemoryUsedMb = mem !== undefined && mem > 0 ? mem : null;
  if (maxMemoryUsedMb !== null) {
    a.push({
      name: "async.maxMemoryUsed",
      kind: "measured",
      value: maxMemoryUsedMb,
      unit: "MB",
      source: `${origin}: lambda.maxMemoryUsedMB`,
    });
  }
  const workers = sync?.settings.workers;
  const memoryMb = async?.lambda?.memorySizeMB;
  return {
    requestBytes,
    responseBytes: 4_096,
    maxMemoryUsedMb,
    runSettings: {
      ...(typeof workers === "number" ? { syncWorkers: workers } : {}),
      ...(memoryMb !== undefined ? { asyncMemoryMb: memoryMb } : {}),
    },
  };
}
