import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveProfile } from "../advice/profile.js";
import { choosePrices } from "../cost/price-choice.js";
import { ReportError } from "../errors.js";
import { renderAll } from "../render/render-all.js";
import { readPriceOverrides, readProfileFile, readResultDocument } from "./read-inputs.js";
import { parseReportArgs, REPORT_USAGE } from "./report-args.js";
import { locateRun } from "./run-location.js";

/** Where the command writes text; the bin passes process streams, tests pass buffers. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs `report` and returns its exit code (0 written, 1 failed, 2 bad usage). */
export function runReportCommand(argv: readonly string[], io: CommandIo): number {
  try {
    const args = parseReportArgs(argv);
    if (args.help) {
      io.out(`${REPORT_USAGE}\n`);
      return 0;
    }
    const profile = resolveProfile(
      args.profileFile ? readProfileFile(args.profileFile) : {},
      args.profile,
    );
    const prices = choosePrices({
      region: args.region,
      arch: args.arch,
      platform: args.platform,
      apiGateway: args.apiGateway,
      syncNetwork: args.syncNetwork,
      resultPolls: args.resultPolls,
      overrides: args.pricesFile ? readPriceOverrides(args.pricesFile) : undefined,
      overridesSource: args.pricesFile,
    });
    const where = locateRun(args.run, args.resultsDir);
    const doc = readResultDocument(where.resultFile);
    const files = renderAll(doc, { profile, prices });
    for (const [name, text] of Object.entries(files)) {
      const path = join(where.runDir, name);
      writeFileSync(path, text);
      io.out(`${path}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ReportError) {
      io.err(`report: ${e.code}: ${e.message}\n`);
      const usage = [
        "QS_REPORT_USAGE",
        "QS_REPORT_INVALID_PROFILE",
        "QS_REPORT_UNSUPPORTED_REGION",
        "QS_REPORT_INVALID_PRICES",
      ];
      return usage.includes(e.code) ? 2 : 1;
    }
    io.err(`report: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
