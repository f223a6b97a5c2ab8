import type { ResultDocument } from "@queueshift/shared-model";
import { architectureFigures } from "../data/figures.js";
import {
  brokerLabel,
  deploymentLabel,
  fullCoreWarning,
  ms,
  num,
  pct,
  targetsLabel,
  usd,
  volume,
} from "../format.js";
import { adviceFor, type ReportOptions } from "./report-options.js";
import { OBJECTIVE_HEAD, objectiveRows, VOLUME_HEAD, volumeRows } from "./tables.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

export const TITLE = {
  migrate: "Migrate",
  stay: "Stay",
  hybrid: "Hybrid",
  inconclusive: "Inconclusive",
  none: "No advice",
} as const;

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(head), row(head.map(() => "---")), ...rows.map(row)];
}

/**
 * A Markdown summary for a pull request. Its first line states the recommendation, the second
 * the main reason, so a reviewer reading only the top knows the answer.
 */
export function renderMarkdown(doc: ResultDocument, options: ReportOptions): string {
  const advice = adviceFor(doc, options);
  const p = options.profile;
  const lines: string[] = [
    `**Recommendation: ${TITLE[advice.recommendation]}** (${advice.rule})`,
    "",
    advice.headline,
    "",
    `For ${volume(p.monthlyRequests)} requests/month, ${p.shape}${p.peakRate === null ? "" : `, peak ${p.peakRate} req/s`}; objectives ${p.objectives.map((o) => `${o.label} <= ${o.ms} ms`).join(", ")}. Run \`${doc.runId}\` (${doc.scenario.name}, ${doc.outcome.status}); broker: ${brokerLabel(doc.broker)}. Targets: ${targetsLabel(doc)}; ran as ${deploymentLabel(doc)}.`,
    "",
    ...(fullCoreWarning(doc.cpuShares) === null ? [] : [`> ${fullCoreWarning(doc.cpuShares)}`, ""]),
    ...advice.reasons.map((r) => `- ${r}`),
    "",
    "Objectives over all arrivals (whatever did not succeed counts as over every objective):",
    "",
    ...table(OBJECTIVE_HEAD, objectiveRows(advice)),
    "",
    ...(advice.verdictByVolume.length > 0
      ? [
          `Verdict by volume (${p.shape}; objectives as measured):`,
          "",
          ...table(VOLUME_HEAD, volumeRows(advice)),
          "",
        ]
      : []),
    "Completed requests:",
    "",
    row(["design", "achieved req/s", "p50", "p99", "p99.9", "max", "errors"]),
    row(["---", "---:", "---:", "---:", "---:", "---:", "---:"]),
    ...doc.architectures.map((a) => {
      const f = architectureFigures(a);
      const l = f.latency;
      return row([
        f.architecture,
        num(f.achievedRate),
        ms(l?.p50 ?? null),
        ms(l?.p99 ?? null),
        ms(l?.p999 ?? null),
        ms(l?.max ?? null),
        pct(f.errorRate),
      ]);
    }),
  ];
  const { sync, async } = advice.projection;
  if (sync || async) {
    lines.push(
      "",
      `Monthly cost (${options.prices.region}, prices as of ${options.prices.table.asOf}): ${[sync && `sync ${usd(sync.total)}`, async && `async ${usd(async.total)}`].filter(Boolean).join(", ")}.`,
    );
  }
  const s = advice.settings;
  if (s !== null) {
    lines.push(
      "",
      `Async settings: BatchSize ${s.batchSize}, window ${s.batchingWindowSeconds} s, MaximumConcurrency ${s.maximumConcurrency}, memory ${s.memorySizeMB} MB, timeout ${s.functionTimeoutSeconds} s, visibility timeout ${s.visibilityTimeoutSeconds} s, maxReceiveCount ${s.maxReceiveCount}, ${s.dlqAlarm}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
