import type { ArchitectureResult, Assumption, EncodedHistogram } from "@queueshift/shared-model";
import { type Distribution, deterministic } from "../engine/distribution.js";
import { decodeHdr, distributionOf } from "../engine/histogram.js";

const usable = (h: EncodedHistogram | undefined): h is EncodedHistogram =>
  h !== undefined && h.count > 0;
const meanSeconds = (h: EncodedHistogram) => decodeHdr(h).mean / 1e6;
const quantileSeconds = (h: EncodedHistogram, p: number) =>
  decodeHdr(h).getValueAtPercentile(p) / 1e6;

/** Fewer calm jobs than this and their histogram is too thin to draw a hop from. */
const MIN_CALM_JOBS = 100;

/**
 * The first of a run's stage histograms that it holds, in the order given: a calm one
 * (`...Calm`: the jobs that met no wait in the queue, the hop of an uncongested stack; a replay or
 * a projection simulates the congestion itself) only with at least 100 jobs.
 */
export function firstStage(
  histograms: ArchitectureResult["histograms"] | undefined,
  names: readonly string[],
): { readonly name: string; readonly h: EncodedHistogram } | undefined {
  for (const name of names) {
    const h = histograms?.[name];
    if (usable(h) && (!name.endsWith("Calm") || h.count >= MIN_CALM_JOBS)) return { name, h };
  }
  return undefined;
}

/**
 * The time an invocation holds its environment besides the messages' handler time (the runtime
 * API's hand-over, parsing, publishing the results), measured: the run's mean REPORT Duration per
 * invocation (its `invocation` histogram, else billed minus INIT per invocation, which rounds each
 * up to 1 ms) less the mean batch's handler time. Null when the run measured no invocations.
 */
export function invocationOverhead(
  async: ArchitectureResult | undefined,
  origin: string,
): { readonly d: Distribution; readonly assumption: Assumption } | null {
  const l = async?.lambda;
  const handler = async?.histograms.handler;
  if (async === undefined || l === undefined || l.invocations <= 0 || !usable(handler)) return null;
  const inv = async.histograms.invocation;
  const perInvocation = usable(inv)
    ? meanSeconds(inv)
    : (l.billedDurationMsTotal - l.initDurationMsTotal) / l.invocations / 1_000;
  const how = usable(inv)
    ? "mean REPORT Duration (histograms.invocation)"
    : "(billed - INIT) per invocation (lambda; each rounded up to 1 ms)";
  const batch = l.batchSizeMean > 0 ? l.batchSizeMean : 1;
  const overhead = Math.max(0, perInvocation - batch * meanSeconds(handler));
  const d = deterministic(overhead);
  const value = Math.round(overhead * 1e6) / 1e3;
  return {
    d,
    assumption: {
      name: "async.invocationOverhead",
      kind: "measured",
      value,
      unit: "ms",
      source: `${origin}: ${how} ${(perInvocation * 1e3).toFixed(2)} ms - ${batch.toFixed(3)} messages x handler mean ${(meanSeconds(handler) * 1e3).toFixed(2)} ms; fixed ${value} ms`,
    },
  };
}

/** The local pipeline's hops around the mapping and the handler, as a run measured them. */
export interface LocalHops {
  /** Visible -> handler start for a free poller and a warm environment. */
  readonly hop: Distribution;
  /** Handler end -> the harness has the result. */
  readonly resultHop: Distribution;
}

/**
 * The run's own hops, for replaying it. `hop`: the 10th percentile of `queueWait` (sent -> first
 * receive; above it the histogram holds waiting for a busy poller, which a replay simulates) plus
 * the median `batchWaitCalm` (receive -> handler start of the jobs that met no wait in the queue),
 * else of `batchWait` (above it the histogram holds cold starts and earlier records of a batch,
 * simulated too), fixed. `resultHop`: the `resultDeliveryCalm` histogram
 * (result received - the batch's results sent, of the jobs that met no wait in the queue: the
 * replay adds the congested stack's waits itself), else `resultDelivery` (all jobs), else
 * `resultWait` (result received - the record's handler end, which double-counts a batch's later
 * records), or none for a run written before any was recorded. (The rest of
 * the mean latency after the other stages' means would give its mean, but in a spike run that mean
 * holds the spike's congestion: fixed at it, it put the spike's p50 at 2-4x the run's.)
 */
export function localHops(async: ArchitectureResult): LocalHops {
  const h = async.histograms;
  const qw = usable(h.queueWait) ? quantileSeconds(h.queueWait, 10) : 0;
  // The calm jobs' batch wait: in a spike's whole histogram half the jobs wait behind earlier
  // records of a larger batch, which the replay simulates itself.
  const batch = firstStage(h, ["batchWaitCalm", "batchWait"]);
  const bw = batch ? quantileSeconds(batch.h, 50) : 0;
  const hop = {
    ...deterministic(qw + bw),
    description: `local hop: the run's queueWait p10 + ${batch?.name ?? "batchWait"} p50 (${((qw + bw) * 1e3).toFixed(1)} ms)`,
  };
  // resultDelivery starts when the batch's results went out; resultWait at the record's own end,
  // so it also holds the batch's later records, which the replay simulates itself.
  const result = firstStage(h, ["resultDeliveryCalm", "resultDelivery", "resultWait"]);
  if (result !== undefined) return { hop, resultHop: distributionOf(result.h, result.name) };
  const resultHop = {
    ...deterministic(0),
    description: "none: the run has no resultWait histogram (written before it was recorded)",
  };
  return { hop, resultHop };
}
