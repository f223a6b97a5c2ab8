import { parseArgs } from "node:util";
import { compareRuns, scenarioMismatch } from "../compare/compare.js";
import { renderComparison } from "../compare/render-comparison.js";
import { DEFAULT_THRESHOLDS, parseThresholds } from "../compare/thresholds.js";
import { ReportError } from "../errors.js";
import { readResultDocument } from "./read-inputs.js";
import type { CommandIo } from "./report-command.js";
import { locateRun } from "./run-location.js";

/** Usage text of `compare`. */
export const COMPARE_USAGE = `Usage: npm run compare -- <baseline-run> <candidate-run> [--threshold p99=10%,...] [--json] [--force]

Runs are run directories, result.json paths, run ids under results/, or latest.
Compares p50, p90, p99, p99.9, max (from the decoded histograms), throughput and error rate
per architecture. Default thresholds: p50/p90/p99 +10%, p99.9 +20%, max not flagged,
throughput -10%, error rate +1 percentage point. "metric=off" disables one.
A change is a regression when it exceeds its threshold and, when the runs hold repeats, their
own spread; with one run per side the threshold alone decides.
Runs of different scenarios (name or definition) are refused unless --force.

Flags:
  --threshold <list>   e.g. p99=5%,throughput=20%,max=50%
  --json               print the comparison as JSON instead of a table
  --force              compare runs of different scenarios anyway
  --results-dir <dir>  where run ids are looked up (default <repo>/results)
  --help               this text

Exit codes: 0 no regression, 1 a threshold was crossed, 2 bad usage, unreadable runs or
different scenarios without --force.`;

/** Runs `compare`; returns 0 (no regression), 1 (regression) or 2 (bad usage). */
export function runCompareCommand(argv: readonly string[], io: CommandIo): number {
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (cause) {
      throw new ReportError("QS_REPORT_USAGE", (cause as Error).message, { cause });
    }
    const v = parsed.values;
    if (v.help) {
      io.out(`${COMPARE_USAGE}\n`);
      return 0;
    }
    const [a, b, ...extra] = parsed.positionals;
    if (a === undefined || b === undefined || extra.length > 0) {
      throw new ReportError("QS_REPORT_USAGE", "expected exactly two runs: <baseline> <candidate>");
    }
    const thresholds = (v.threshold ?? []).reduce(
      (t, text) => parseThresholds(text, t),
      DEFAULT_THRESHOLDS,
    );
    const baseline = readResultDocument(locateRun(a, v["results-dir"]).resultFile);
    const candidate = readResultDocument(locateRun(b, v["results-dir"]).resultFile);
    const mismatch = scenarioMismatch(baseline, candidate);
    if (mismatch !== null && v.force !== true) {
      throw new ReportError(
        "QS_REPORT_USAGE",
        `the runs measured different scenarios (${mismatch}); their numbers are not comparable (--force compares them anyway)`,
      );
    }
    if (mismatch !== null) io.err(`compare: warning: ${mismatch} (compared because of --force)\n`);
    const comparison = compareRuns(baseline, candidate, thresholds);
    io.out(v.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison));
    return comparison.regressions > 0 ? 1 : 0;
  } catch (e) {
    const code = e instanceof ReportError ? `${e.code}: ` : "";
    io.err(`compare: ${code}${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      threshold: { type: "string", multiple: true },
      json: { type: "boolean" },
      force: { type: "boolean" },
      "results-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
