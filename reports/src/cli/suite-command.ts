import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  assertResultDocument,
  assertSuiteManifest,
  ExitCodes,
  type ResultDocument,
} from "@queueshift/shared-model";
import { architectureOf } from "../cost/measured-usage.js";
import { percentileMs } from "../data/histograms.js";
import { ReportError } from "../errors.js";
import { fullCoreWarning, ms, usd } from "../format.js";
import { renderSuiteJson, renderSuiteMarkdown, type SuiteReport } from "../suite/render-suite.js";
import { renderSuiteHtml } from "../suite/render-suite-html.js";
import { type LoadedRun, scenarioSections } from "../suite/suite-model.js";
import { suiteVerdict } from "../suite/suite-verdict.js";
import { readResultDocument } from "./read-inputs.js";
import { parseReportArgs, REPORT_USAGE } from "./report-args.js";
import { type CommandIo, failureExitCode, profileAndPrices } from "./report-command.js";

const invalid = (message: string, cause?: unknown) =>
  new ReportError("QS_REPORT_INVALID_SUITE", message, cause === undefined ? {} : { cause });

function readManifest(dir: string) {
  const file = join(dir, "suite.json");
  if (!existsSync(file)) throw invalid(`${file} does not exist (a suite folder holds suite.json)`);
  try {
    return assertSuiteManifest(JSON.parse(readFileSync(file, "utf8")));
  } catch (cause) {
    throw invalid(`${file}: ${(cause as Error).message}`, cause);
  }
}

// The projection is a result document of simulated arrivals (projection/src/cli).
function projectionLines(doc: ResultDocument): string[] {
  const p = doc.projection;
  return [
    `projection of ${p?.traffic ?? "?"} (${(p?.monthlyRequests ?? 0).toLocaleString("en-US")} requests a month)`,
    ...(["sync", "async"] as const).flatMap((d) => {
      const a = architectureOf(doc, d);
      const h = a?.histograms.latency;
      if (a === undefined) return [];
      const p99 = h !== undefined && h.count > 0 ? percentileMs(h, 99) : null;
      const c = a.counters;
      return [
        `${d}: ${c.scheduled.toLocaleString("en-US")} requests, p99 ${ms(p99)}, ${c.failed + c.timeouts} failed or timed out, ${usd(p?.cost[d]?.total ?? 0)}/month`,
      ];
    }),
  ];
}

/** Reads a suite folder and builds its report (the verdict across scenarios and repeats). */
export function buildSuiteReport(dir: string, argv: readonly string[]): SuiteReport {
  const manifest = readManifest(dir);
  const { profile, prices } = profileAndPrices(parseReportArgs([dir, ...argv]));
  const runs: LoadedRun[] = manifest.runs.map((run) => ({
    run,
    doc: readResultDocument(resolve(dir, run.resultFile)),
  }));
  const sections = scenarioSections(manifest, runs, profile, prices);
  const projectionFile =
    manifest.projection === null ? null : resolve(dir, manifest.projection.file);
  const projection =
    projectionFile !== null && existsSync(projectionFile)
      ? {
          href: manifest.projection?.file ?? "",
          lines: projectionLines(
            assertResultDocument(JSON.parse(readFileSync(projectionFile, "utf8"))),
          ),
        }
      : null;
  const warning = runs.map((r) => fullCoreWarning(r.doc.cpuShares)).find((w) => w !== null) ?? null;
  return {
    manifest,
    sections,
    verdict: suiteVerdict(sections),
    projection,
    fullCoreWarning: warning,
  };
}

/** `suite-report <suite-dir> [report flags]`: writes report.html, summary.md and summary.json there. */
export function runSuiteReportCommand(argv: readonly string[], io: CommandIo): number {
  try {
    const [dir, ...rest] = argv;
    if (dir === undefined || dir === "--help" || dir === "-h") {
      io.out(`Usage: suite-report <suite-dir> [flags]\nFlags as for report:\n${REPORT_USAGE}\n`);
      return dir === undefined ? ExitCodes.usage : ExitCodes.ok;
    }
    const report = buildSuiteReport(resolve(dir), rest);
    const files = {
      "report.html": renderSuiteHtml(report),
      "summary.md": renderSuiteMarkdown(report),
      "summary.json": renderSuiteJson(report),
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(resolve(dir), name);
      writeFileSync(path, text);
      io.out(`${path}\n`);
    }
    return ExitCodes.ok;
  } catch (e) {
    return failureExitCode("suite-report", e, io);
  }
}
