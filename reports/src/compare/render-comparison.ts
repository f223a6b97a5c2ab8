import type { Comparison, ComparisonRow } from "./compare.js";

function value(r: ComparisonRow, v: number | null): string {
  if (v === null) return "n/a";
  if (r.metric === "throughput") return `${v.toFixed(1)} req/s`;
  if (r.metric === "errorRate") return `${v.toFixed(2)}%`;
  return `${v.toFixed(v < 10 ? 2 : 1)} ms`;
}

function delta(r: ComparisonRow): string {
  const d = r.changePercent;
  if (d === null) return "n/a";
  if (!Number.isFinite(d)) return "+inf";
  const unit = r.metric === "errorRate" ? " pp" : "%";
  return `${d >= 0 ? "+" : ""}${d.toFixed(1)}${unit}`;
}

function limit(r: ComparisonRow): string {
  if (r.threshold === null) return "-";
  const unit = r.metric === "errorRate" ? " pp" : "%";
  const spread = r.spread === null ? "" : ` (spread ${r.spread.toFixed(1)}${unit})`;
  return `${r.metric === "throughput" ? "-" : "+"}${r.threshold}${unit}${spread}`;
}

/** A fixed-width text table of a comparison, regressions marked, for the terminal. */
export function renderComparison(c: Comparison): string {
  const head = ["design", "metric", "baseline", "candidate", "change", "limit", "status"];
  const body = c.rows.map((r) => [
    r.architecture,
    r.metric,
    value(r, r.baseline),
    value(r, r.candidate),
    delta(r),
    limit(r),
    r.regression ? "REGRESSION" : "ok",
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((x, i) => x.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [
    `baseline  ${c.baselineRunId}`,
    `candidate ${c.candidateRunId}`,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "",
    ...c.unmatched.map((u) => `not compared: ${u}`),
    c.regressions === 0 ? "no regressions" : `${c.regressions} regression(s) beyond the thresholds`,
  ];
  return `${out.join("\n")}\n`;
}
