import { ms, num, pct, usd, volume } from "../format.js";
import type { Advice } from "./advise.js";
import { Recommendations } from "./rules.js";

type Partial = Omit<Advice, "headline" | "reasons">;

const WHY: Record<Advice["rule"], string> = {
  "single-architecture":
    "the run measured only one architecture, so there is no evidence for a move",
  "async-unreliable": "the asynchronous run lost or dead-lettered too many jobs",
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

function costReason(p: Partial): string | null {
  const { sync, async, traffic, curves } = p.projection;
  const at = `at ${volume(traffic.monthlyRequests)} requests/month (${traffic.shape}, peak ${num(traffic.peakRate)} req/s)`;
  if (sync === null && async === null) return null;
  const parts = [sync && `sync ${usd(sync.total)}`, async && `async ${usd(async.total)}`].filter(
    Boolean,
  );
  const crossing = curves.find((c) => c.shape === traffic.shape)?.crossingVolume ?? null;
  const be =
    sync && async
      ? crossing === null
        ? "; no break-even between 1M and 1,000M a month"
        : `; break-even near ${volume(crossing)} requests/month`
      : "";
  return `Cost ${at}: ${parts.join(", ")} a month${be}.`;
}

function burstReason(p: Partial): string | null {
  const b = p.burst;
  if (b === null) return null;
  if (b.peakBacklog === null) return "Bursts: the run recorded no queue depth series.";
  const drain =
    b.drainSeconds === null
      ? "did not drain before the run ended"
      : `drained in ${num(b.drainSeconds)} s`;
  const budget = Math.min(...p.profile.objectives.map((o) => o.ms));
  const late =
    b.drainSeconds !== null && b.drainSeconds * 1000 > budget
      ? ` (longer than the ${ms(budget)} objective: jobs of such a burst miss it)`
      : "";
  return `Bursts: peak backlog ${num(b.peakBacklog, 0)} messages ${drain}${late}; the oldest job waited up to ${num(b.maxOldestAgeSeconds)} s.`;
}

/** The headline and the reasons of an advice, each citing a measured number. */
export function adviceReasons(p: Partial): { headline: string; reasons: string[] } {
  const headline = `${Recommendations[p.recommendation]}: ${WHY[p.rule]}.`;
  const reasons: string[] = [];
  for (const c of p.objectives) {
    const verdict = c.met === null ? "not measured" : c.met ? "met" : "missed";
    reasons.push(
      `Objective ${c.label} <= ${ms(c.targetMs)}: ${c.architecture} ${ms(c.measuredMs)} (${verdict}).`,
    );
  }
  const cost = costReason(p);
  if (cost) reasons.push(cost);
  const burst = burstReason(p);
  if (burst) reasons.push(burst);
  if (p.coldStartShare !== null)
    reasons.push(`Cold starts: ${pct(p.coldStartShare)} of invocations.`);
  const f = p.failures;
  if (f !== null) {
    reasons.push(
      `Failure handling: ${f.failed} failed, ${f.dlq} in the DLQ, ${f.retries} retries, ${f.lost} lost of ${f.sent} sent (${pct(f.failureShare)}).`,
    );
  }
  return { headline, reasons };
}
