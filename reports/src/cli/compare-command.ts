import { parseArgs } from "node:util";
import { ExitCodes, formatExitCodes } from "@queueshift/shared-model";
import { compareRuns } from "../compare/compare.js";
import { renderComparison } from "../compare/render-comparison.js";
import { DEFAULT_THRESHOLDS, parseThresholds } from "../compare/thresholds.js";
import { ReportError } from "../errors.js";
import { readResultDocument } from "./read-inputs.js";
import { type CommandIo, failureExitCode } from "./report-command.js";
import { locateRun } from "./run-location.js";

/** Usage text of `compare`. */
export const COMPARE_USAGE = `Usage: npm run compare -- <baseline-run> <candidate-run> [--threshold p99=10%,...] [--json]

Runs are run directories, result.json paths, run ids under results/, or latest.
Compares p50, p90, p99, p99.9, max (from the decoded histograms), throughput and error rate
per architecture. Default thresholds: p50/p90/p99 +10%, p99.9 +20%, max not flagged,
throughput -10%, error rate +1 percentage point. "metric=off" disables one.

Flags:
  --threshold <list>   e.g. p99=5%,throughput=20%,max=50%
  --json               print the comparison as JSON instead of a table
  --results-dir <dir>  where run ids are looked up (default <repo>/results); must be a directory
  --help               this text

${formatExitCodes()}`;

/** Runs `compare`; returns 0 (no regression), 1 (regression) or 2 (bad usage or unreadable runs). */
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
      return ExitCodes.ok;
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
    const comparison = compareRuns(baseline, candidate, thresholds);
    io.out(v.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison));
    return comparison.regressions > 0 ? ExitCodes.failed : ExitCodes.ok;
  } catch (e) {
    return failureExitCode("compare", e, io);
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
      "results-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
