import type { ResultDocument } from "@queueshift/shared-model";
import type { Advice } from "../advice/advise.js";
import type { PriceChoice } from "../cost/price-choice.js";
import { architectureFigures } from "../data/figures.js";
import { brokerLabel, ms, num, pct, usd, volume } from "../format.js";
import { esc } from "./escape.js";

/** An HTML table from a header row and body rows (cells are escaped). */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  cls = "",
): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  return `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

const VERDICT_WORD = (c: Advice["objectives"][number]) =>
  c.met === null
    ? "not measured"
    : `${c.met ? "met" : "missed"}${c.conclusive ? "" : " (inconclusive)"}`;

/** Header of the objectives table: the share of arrivals beside the completed requests' percentile. */
export const OBJECTIVE_HEAD = [
  "design",
  "objective",
  "arrivals within (95% interval)",
  "target share",
  "verdict",
  "percentile of completed requests",
  "percentile over all arrivals",
  "to settle",
] as const;

/** One row per design and objective, over all arrivals (shared by the HTML and Markdown). */
export function objectiveRows(advice: Advice): string[][] {
  return advice.objectives.map((c) => [
    c.architecture,
    `${c.label} <= ${ms(c.targetMs)}`,
    `${pct(c.share)} of ${num(c.arrivals, 0)} (${pct(c.interval.lower)}-${pct(c.interval.upper)})`,
    pct(c.targetShare),
    VERDICT_WORD(c),
    `${c.label} of completed requests ${ms(c.measuredMs)}`,
    c.allArrivalsMs === null ? "n/a (too many did not succeed)" : ms(c.allArrivalsMs),
    c.conclusive
      ? "-"
      : c.arrivalsToSettle === null
        ? "no run length (share on the target)"
        : `~${num(c.arrivalsToSettle, 0)} arrivals${c.secondsToSettle === null ? "" : ` (~${num(c.secondsToSettle, 0)} s)`}`,
  ]);
}

/** Header of the verdict-by-volume table. */
export const VOLUME_HEAD = [
  "requests/month",
  "verdict",
  "rule",
  "sync USD/month",
  "async USD/month",
] as const;

/** The verdict at 1M, 10M, 100M and 1B requests a month for the user's shape. */
export function volumeRows(advice: Advice): string[][] {
  return advice.verdictByVolume.map((v) => [
    volume(v.monthlyRequests),
    v.recommendation,
    v.rule,
    v.syncMonthly === null ? "n/a" : usd(v.syncMonthly),
    v.asyncMonthly === null ? "n/a" : usd(v.asyncMonthly),
  ]);
}

/** Key figures per architecture. */
export function figuresTable(doc: ResultDocument): string {
  const rows = doc.architectures.map((a) => {
    const f = architectureFigures(a);
    const l = f.latency;
    return [
      f.architecture,
      num(f.offeredRate),
      num(f.achievedRate),
      ms(l?.p50 ?? null),
      ms(l?.p90 ?? null),
      ms(l?.p99 ?? null),
      ms(l?.p999 ?? null),
      ms(l?.max ?? null),
      `${f.failed} (${pct(f.errorRate)})`,
      String(f.missed),
    ];
  });
  return table(
    [
      "design",
      "offered req/s",
      "achieved req/s",
      "p50 of completed requests",
      "p90 of completed",
      "p99 of completed",
      "p99.9 of completed",
      "max of completed",
      "errors",
      "missed",
    ],
    rows,
  );
}

/** The monthly cost line items of both designs at the user's volume. */
export function costTable(advice: Advice): string {
  const { sync, async } = advice.projection;
  const rows = [sync, async].flatMap((b) =>
    b === null
      ? []
      : [
          ...b.items.map((i) => [
            b.architecture,
            i.description,
            `${num(i.quantity, 2)} ${i.unit}`,
            usd(i.cost),
            i.source,
          ]),
          [b.architecture, "Total", "", usd(b.total), b.notes.join("; ")],
        ],
  );
  return table(["design", "line", "quantity", "USD/month", "source"], rows, "cost");
}

/** The recommended async settings with their reasons. */
export function settingsTable(advice: Advice): string {
  const s = advice.settings;
  if (s === null)
    return `<p class="no-data">No data: the run did not measure the asynchronous design.</p>`;
  const rows: [string, string, string][] = [
    ["BatchSize", String(s.batchSize), s.reasons.batchSize ?? ""],
    [
      "MaximumBatchingWindowInSeconds",
      String(s.batchingWindowSeconds),
      s.reasons.batchingWindowSeconds ?? "",
    ],
    [
      "ScalingConfig.MaximumConcurrency",
      String(s.maximumConcurrency),
      s.reasons.maximumConcurrency ?? "",
    ],
    ["MemorySize (MB)", String(s.memorySizeMB), s.reasons.memorySizeMB ?? ""],
    ["Timeout (s)", String(s.functionTimeoutSeconds), s.reasons.functionTimeoutSeconds ?? ""],
    [
      "Queue VisibilityTimeout (s)",
      String(s.visibilityTimeoutSeconds),
      s.reasons.visibilityTimeoutSeconds ?? "",
    ],
    ["Redrive maxReceiveCount", String(s.maxReceiveCount), s.reasons.maxReceiveCount ?? ""],
    ["DLQ alarm", s.dlqAlarm, s.reasons.dlqAlarm ?? ""],
  ];
  return table(["setting", "value", "why"], rows);
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Settings of each design, the machine, the broker, versions and the price table. */
export function setupTable(doc: ResultDocument, prices: PriceChoice): string {
  const m = doc.machine;
  const rows: string[][] = [
    ["run", "id", doc.runId],
    ["run", "window", `${doc.startedAt} .. ${doc.finishedAt}`],
    [
      "run",
      "outcome",
      `${doc.outcome.status}${doc.outcome.message ? `: ${doc.outcome.message}` : ""}`,
    ],
    ["scenario", doc.scenario.name, doc.scenario.description],
    ["machine", "cpu", `${m.cpuModel} x ${m.cores} cores`],
    ["machine", "memory", `${num(m.memoryBytes / 2 ** 30)} GiB`],
    ["machine", "os / node", `${m.os} / ${m.node}`],
    [
      "broker",
      brokerLabel(doc.broker),
      doc.broker
        ? `${doc.broker.endpoint}${doc.broker.version ? ` v${doc.broker.version}` : ""}; ${doc.broker.reason}`
        : "no broker (sync only)",
    ],
    ...Object.entries(doc.versions).map(([k, v]) => ["version", k, v]),
    ...doc.architectures.flatMap((a) =>
      Object.entries(a.settings).map(([k, v]) => [`${a.architecture} setting`, k, show(v)]),
    ),
    ...doc.architectures.flatMap((a) => a.notes.map((n) => [`${a.architecture} note`, "", n])),
    [
      "prices",
      prices.region,
      `${prices.table.asOf}${prices.overridden ? " (with user overrides)" : ""}`,
    ],
  ];
  return table(["what", "name", "value"], rows);
}
