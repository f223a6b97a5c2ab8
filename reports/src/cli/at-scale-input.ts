import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRun } from "@queueshift/projection/cli";
import type { ResultDocument } from "@queueshift/shared-model";
import { atScaleOf } from "../advice/at-scale.js";
import type { UserProfile } from "../advice/profile.js";
import { ReportError } from "../errors.js";
import { readResultDocument } from "./read-inputs.js";
import type { ReportArgs } from "./report-args.js";

/** The projection a report draws, and whether its advice rests on it. */
export interface AtScaleInput {
  readonly projection?: ResultDocument;
  readonly adviseFromProjection: boolean;
}

/** Whether the command line gave a traffic profile (then the advice uses a projection). */
export function profileGiven(args: ReportArgs): boolean {
  const p = args.profile;
  return (
    args.profileFile !== undefined ||
    p.monthlyRequests !== undefined ||
    p.shape !== undefined ||
    args.rateFile !== undefined
  );
}

function readProjection(file: string): ResultDocument {
  const doc = readResultDocument(file);
  atScaleOf(doc); // throws when it is not a projection
  return doc;
}

/**
 * With a traffic profile, projects the run at it (writing projection.json beside the run) unless
 * --projection names one; without, draws --projection or a projection.json beside the run.
 */
export function atScaleInput(
  args: ReportArgs,
  doc: ResultDocument,
  runDir: string,
  profile: UserProfile,
  log: (line: string) => void,
): AtScaleInput {
  const given = profileGiven(args);
  if (args.bursts.length > 0 && !given) {
    throw new ReportError(
      "QS_REPORT_USAGE",
      "--burst: needs a traffic profile (--volume, --shape, --rate-file or --profile)",
    );
  }
  if (doc.origin === "projection") return { adviseFromProjection: false };
  if (args.projectionFile !== undefined) {
    return { projection: readProjection(args.projectionFile), adviseFromProjection: given };
  }
  const beside = join(runDir, "projection.json");
  if (!given) {
    return existsSync(beside)
      ? { projection: readProjection(beside), adviseFromProjection: false }
      : { adviseFromProjection: false };
  }
  const projection = projectRun(
    doc,
    {
      monthlyRequests: profile.monthlyRequests,
      shape: profile.shape,
      ...(args.rateFile === undefined ? {} : { rateFile: args.rateFile }),
      bursts: args.bursts,
    },
    (m) => log(`report: projection: ${m}`),
  );
  writeFileSync(beside, `${JSON.stringify(projection, null, 2)}\n`);
  log(`report: projection at your traffic written to ${beside}`);
  return { projection, adviseFromProjection: true };
}
