import type { ResultDocument } from "@queueshift/shared-model";

const ms = (us: number | undefined) => `${((us ?? 0) / 1_000).toFixed(1)} ms`;

/** A few lines a person reads after a projection: latency, failures, fleet and monthly cost. */
export function summaryLines(doc: ResultDocument): string[] {
  const p = doc.projection;
  const lines = [
    `projection of ${p?.traffic ?? "?"}: minutes ${p?.windowStartMinute}-${(p?.windowStartMinute ?? 0) + (p?.windowMinutes ?? 0)} of the month, seed ${p?.seed}`,
  ];
  for (const a of doc.architectures) {
    const h = a.histograms.latency;
    const c = a.counters;
    const fleet =
      a.architecture === "sync"
        ? `peak ${a.usage?.peakTasks} tasks, ${a.usage?.scaleEvents} scale events`
        : `peak ${a.usage?.peakEnvironments} environments, ${c.coldStarts} cold starts, ${a.usage?.throttles} throttles`;
    const cost = p?.cost[a.architecture]?.total;
    lines.push(
      `  ${a.architecture}: ${c.scheduled} requests, p50 ${ms(h?.p50)}, p99 ${ms(h?.p99)}; ${c.timeouts} timeouts, ${c.failed} failed${c.lost ? `, ${c.lost} unfinished` : ""}; ${fleet}; $${cost?.toFixed(2)}/month`,
    );
  }
  return lines;
}
