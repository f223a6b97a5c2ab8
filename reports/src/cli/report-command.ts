import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ProjectionError } from "@queueshift/projection";
import { ExitCodes, SettingError } from "@queueshift/shared-model";
import { resolveProfile, type UserProfile } from "../advice/profile.js";
import { choosePrices, type PriceChoice } from "../cost/price-choice.js";
import { ReportError } from "../errors.js";
import { renderAll } from "../render/render-all.js";
import { atScaleInput } from "./at-scale-input.js";
import { readPriceOverrides, readProfileFile, readResultDocument } from "./read-inputs.js";
import { parseReportArgs, REPORT_USAGE, type ReportArgs } from "./report-args.js";
import { locateRun } from "./run-location.js";

/** Where the command writes text; the bin passes process streams, tests pass buffers. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Prints a command's error and returns its exit code from the shared table: every catalogued
 * error is about what the user gave (a flag, a run, a file) -> usage (2); anything else -> 1.
 */
export function failureExitCode(tool: string, e: unknown, io: CommandIo): number {
  if (e instanceof ReportError || e instanceof SettingError || e instanceof ProjectionError) {
    io.err(`${tool}: ${e.code}: ${e.message}\n`);
    return ExitCodes.usage;
  }
  io.err(`${tool}: failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return ExitCodes.failed;
}

/** The traffic profile and prices the report flags (and their files) ask for. */
export function profileAndPrices(args: ReportArgs): { profile: UserProfile; prices: PriceChoice } {
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
  return { profile, prices };
}

/** Runs `report` and returns its exit code (0 written, 1 failed, 2 bad usage or input). */
export function runReportCommand(argv: readonly string[], io: CommandIo): number {
  try {
    const args = parseReportArgs(argv);
    if (args.help) {
      io.out(`${REPORT_USAGE}\n`);
      return ExitCodes.ok;
    }
    const chosen = profileAndPrices(args);
    let profile = chosen.profile;
    const prices = chosen.prices;
    const where = locateRun(args.run, args.resultsDir);
    const doc = readResultDocument(where.resultFile);
    const scale = atScaleInput(args, doc, where.runDir, profile, (l) => io.err(`${l}\n`));
    const volume = scale.projection?.projection?.monthlyRequests;
    // A rate file sets the month's volume; the run-based cost curves use it too.
    if (args.rateFile !== undefined && args.profile.monthlyRequests === undefined && volume)
      profile = profileAndPrices({
        ...args,
        profile: { ...args.profile, monthlyRequests: volume },
      }).profile;
    const files = renderAll(doc, { profile, prices, ...scale });
    for (const [name, text] of Object.entries(files)) {
      const path = join(where.runDir, name);
      writeFileSync(path, text);
      io.out(`${path}\n`);
    }
    return ExitCodes.ok;
  } catch (e) {
    return failureExitCode("report", e, io);
  }
}
