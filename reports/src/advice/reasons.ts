import { ms, num, pct, usd, volume } from "../format.js";
import type { Advice } from "./advise.js";
import type { ArrivalAccount } from "./arrivals.js";
import { atScaleReason } from "./at-scale.js";
import type { CostInterval, FigureInterval } from "./cost-interval.js";
import { breakEvenFlip, objectiveFlip, taskStep } from "./flip-points.js";
import type { ObjectiveCheck } from "./objectives.js";
import { ADVICE_THRESHOLDS, Recommendations } from "./rules.js";

type Partial = Omit<Advice, "headline" | "reasons">;

const WHY: Record<Advice["rule"], string> = {
  "run-not-completed":
    "the run did not complete (see its outcome: a failed or degraded run lost work or stopped early), so its figures cannot back a verdict; fix the cause and run again",
  "closed-model":
    "a closed-model run sends requests back to back, so it measures capacity, not latency under a schedule; run an open-model scenario (steady, spike, ramp) for a verdict",
  "single-architecture":
    "the run measured only one architecture, so there is no evidence for a move",
  "async-unreliable": `the asynchronous design lost jobs or did not succeed for more than ${pct(ADVICE_THRESHOLDS.maxFailureShare)} of its arrivals`,
  "objective-inconclusive":
    "an objective's interval straddles its target and the verdict depends on it; a longer run settles it (see the reasons)",
  "cost-inconclusive":
    "the async/sync cost ratio's 95% interval holds ratios that give different verdicts; repeats (--repeat) or a longer run narrow it (see the cost reason)",
  "neither-meets-objective": "neither design meets the latency objective; moving does not fix that",
  "only-async-meets-objective": "only the asynchronous design meets the latency objective",
  "only-sync-meets-objective": "only the synchronous service meets the latency objective",
  "only-sync-meets-objective-async-much-cheaper":
    "only the synchronous service meets the objective, but the queue is much cheaper for work that can wait",
  "both-meet-async-cheaper": "both meet the objective and the asynchronous design costs less",
  "both-meet-sync-cheaper": "both meet the objective and the synchronous service costs less",
  "both-meet-sync-cheaper-bursty":
    "both meet the objective; the service is cheaper, but bursts are absorbed better by a queue at a similar cost",
};

const interval = (c: ObjectiveCheck) => `${pct(c.interval.lower)}-${pct(c.interval.upper)}`;

function settle(c: ObjectiveCheck): string {
  if (c.conclusive) return "";
  if (c.arrivalsToSettle === null)
    return "; the share sits on the target: no run length settles it";
  const secs =
    c.secondsToSettle === null
      ? ""
      : ` (a measure phase of about ${num(c.secondsToSettle, 0)} s at this rate)`;
  return `; about ${num(c.arrivalsToSettle, 0)} arrivals${secs} would settle it`;
}

function objectiveReason(c: ObjectiveCheck, p: Partial): string {
  const verdict = c.met === null ? "not measured" : c.met ? "met" : "missed";
  const doubt = c.conclusive ? "" : ", inconclusive";
  return `Objective ${c.label} <= ${ms(c.targetMs)}, ${c.architecture}: ${pct(c.share)} of ${num(c.arrivals, 0)} arrivals within (95% interval ${interval(c)}; target ${pct(c.targetShare)}): ${verdict}${doubt}${settle(c)}; ${c.label} of completed requests ${ms(c.measuredMs)}. Flip: ${objectiveFlip(c, p.objectives, p.facts, p.recommendation)}.`;
}

function failureReason(f: ArrivalAccount): string {
  const lost =
    f.architecture === "async" ? `, ${f.dlq} in the DLQ, ${f.lost} lost, ${f.retries} retries` : "";
  const limitPct = pct(ADVICE_THRESHOLDS.maxFailureShare);
  const over = f.failureShare > ADVICE_THRESHOLDS.maxFailureShare || f.lost > 0;
  const limit = over ? `, over the ${limitPct} limit: unreliable` : `; limit ${limitPct}`;
  const notOffered =
    f.notOffered > 0 ? ` (${f.notOffered} scheduled arrivals were never offered: not counted)` : "";
  return `Failures, ${f.architecture}: ${num(f.arrivals - f.succeeded, 0)} of ${num(f.arrivals, 0)} arrivals did not succeed (${pct(f.failureShare)}${limit}): ${f.failed} failed, ${f.timeouts} timed out, ${f.missed} missed${lost}${notOffered}.`;
}

function costReason(p: Partial): string | null {
  const { sync, async, traffic } = p.projection;
  if (sync === null && async === null) return null;
  const at = `at ${volume(traffic.monthlyRequests)} requests/month (${traffic.shape}, peak ${num(traffic.peakRate)} req/s)`;
  const parts = [sync && `sync ${usd(sync.total)}`, async && `async ${usd(async.total)}`].filter(
    Boolean,
  );
  const flips =
    sync && async
      ? `; async/sync ${num(async.total / Math.max(sync.total, Number.MIN_VALUE), 2)}; ${breakEvenFlip(p.projection)}`
      : "";
  const step = sync ? `; ${taskStep(sync, traffic.peakRate)}` : "";
  const basis =
    p.atScale === null
      ? ""
      : " from the local run's figures (the cost model's plan, for comparison)";
  const inputs = p.costInterval === null ? "" : costInputsText(p.costInterval);
  return `Cost ${at}${basis}: ${parts.join(", ")} a month${flips}${step}.${inputs}`;
}

const figure = (f: FigureInterval, unit: string) =>
  `${num(f.estimate)} ${unit} (95% interval ${num(f.lower)}-${num(f.upper)}, ${f.basis})`;

/** The cost inputs with their intervals and the ratio they allow. */
function costInputsText(c: CostInterval): string {
  const parts = [
    c.capacityPerVcpu && `sync capacity ${figure(c.capacityPerVcpu, "req/s per vCPU")}`,
    c.handlerMsPerInvocation &&
      `async handler ${figure(c.handlerMsPerInvocation, "billed ms per invocation")}`,
  ].filter(Boolean);
  if (parts.length === 0) return "";
  const ratio =
    c.ratio === null ? "" : `: async/sync ${num(c.ratio.lower, 2)}-${num(c.ratio.upper, 2)}`;
  return ` Cost inputs: ${parts.join("; ")}${ratio}.`;
}

function burstReason(p: Partial): string | null {
  const shares = p.burstShares;
  if (shares.length === 0)
    return "Bursts: the measure phase has no second offered 1.5x its usual rate.";
  const per = shares
    .map((s) => {
      const within = s.objectives
        .map((o) => `at least ${pct(o.share)} within ${ms(o.targetMs)}`)
        .join(", ");
      const spans = s.windows
        .map((w) => `${num(w.startSeconds, 0)}-${num(w.endSeconds, 0)}`)
        .join(", ");
      return `${s.architecture} (${spans} s of its series, ${num(s.arrivals, 0)} arrivals) ${within}`;
    })
    .join("; ");
  const b = p.burst;
  const backlog =
    b === null || b.peakBacklog === null
      ? ""
      : ` Async peak backlog ${num(b.peakBacklog, 0)} messages, ${b.drainSeconds === null ? "not drained before the run ended" : `drained in ${num(b.drainSeconds)} s`}; the oldest job waited up to ${num(b.maxOldestAgeSeconds)} s.`;
  return `Bursts (each from its first second offered 1.5x the usual rate until p50 is back within 2x its usual level): ${per} (lower bounds from each second's p50/p99 of completions: a second counts 99% of its completions when its p99 is within, 50% when only its p50 is, none otherwise).${backlog}`;
}

function volumeReason(p: Partial): string | null {
  if (p.verdictByVolume.length === 0) return null;
  const list = p.verdictByVolume.map((v) => `${volume(v.monthlyRequests)} ${v.recommendation}`);
  return `Verdict by volume (${p.profile.shape}, objectives as measured): ${list.join(", ")}.`;
}

/** The headline and the reasons of an advice, each citing a measured number and its flip point. */
export function adviceReasons(p: Partial): { headline: string; reasons: string[] } {
  const projected =
    p.atScale === null ? "" : ` (at your scale: projected from the run for ${p.atScale.traffic})`;
  const headline = `${Recommendations[p.recommendation]}: ${WHY[p.rule]}${projected}.`;
  const reasons: string[] = p.atScale === null ? [] : [atScaleReason(p.atScale)];
  if (p.rule === "run-not-completed")
    return { headline, reasons: [...reasons, ...p.arrivals.map(failureReason)] };
  if (p.rule !== "closed-model") reasons.push(...p.objectives.map((c) => objectiveReason(c, p)));
  reasons.push(...p.arrivals.map(failureReason));
  const cost = costReason(p);
  if (cost) reasons.push(cost);
  if (p.rule === "closed-model") return { headline, reasons };
  const burst = p.arrivals.length > 0 ? burstReason(p) : null;
  if (burst) reasons.push(burst);
  if (p.coldStartShare !== null)
    reasons.push(`Cold starts: ${pct(p.coldStartShare)} of invocations.`);
  const byVolume = volumeReason(p);
  if (byVolume) reasons.push(byVolume);
  return { headline, reasons };
}
