import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ResultDocument, TrafficShape } from "@queueshift/shared-model";
import { ProjectionError, ProjectionErrorCodes } from "../engine/projection-error.js";
import { type ProgressSink, project } from "../project.js";
import { parseBurst } from "../traffic/bursts.js";
import { parseRateFile } from "../traffic/rate-file.js";
import type { TrafficSource } from "../traffic/traffic-input.js";
import { readRun } from "./project-command.js";

/** A traffic profile to project a run at: a shape at a volume, or a per-minute rate file. */
export interface ProjectionProfile {
  /** Requests a month (with `shape`); ignored when `rateFile` is given. */
  readonly monthlyRequests?: number;
  readonly shape?: TrafficShape;
  /** CSV `minute,rate` (requests/s per minute); wins over the shape. */
  readonly rateFile?: string;
  /** `10x for 5 min at 14:00`, ... */
  readonly bursts?: readonly string[];
  readonly seed?: number;
}

function trafficOf(profile: ProjectionProfile): TrafficSource {
  if (profile.rateFile !== undefined) {
    if (!existsSync(profile.rateFile)) {
      throw new ProjectionError(ProjectionErrorCodes.invalidInput, [
        { path: "rate-file", message: `${profile.rateFile} does not exist` },
      ]);
    }
    return {
      kind: "rates",
      minuteRates: parseRateFile(readFileSync(profile.rateFile, "utf8")),
      name: `rate file ${profile.rateFile}`,
    };
  }
  return {
    kind: "shape",
    shape: profile.shape ?? "steady",
    monthlyRequests: profile.monthlyRequests ?? 0,
  };
}

/**
 * Projects a measured run at a traffic profile with every other parameter at its default
 * (the report and `npm run bench` use it). Throws ProjectionError (exit 2) on bad input.
 */
export function projectRun(
  doc: ResultDocument,
  profile: ProjectionProfile,
  progress?: ProgressSink,
): ResultDocument {
  return project(
    {
      run: doc,
      traffic: trafficOf(profile),
      bursts: (profile.bursts ?? []).map((b, i) => parseBurst(b, `burst[${i}]`)),
      ...(profile.seed === undefined ? {} : { seed: profile.seed }),
    },
    progress,
  );
}

/**
 * Reads `<dir>/result.json` (or the result file `dir`), projects it at `profile` and writes
 * `projection.json` beside it. Returns the projection and the file written.
 */
export function projectRunDir(
  dir: string,
  profile: ProjectionProfile,
  progress?: ProgressSink,
): { doc: ResultDocument; file: string } {
  const run = readRun(dir);
  const doc = projectRun(run.doc, profile, progress);
  const file = join(dirname(run.file), "projection.json");
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { doc, file };
}
