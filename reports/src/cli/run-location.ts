import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ReportError } from "../errors.js";

/** `<repo>/results`: this file sits at reports/{src,dist}/cli/, three levels below the repo. */
export const DEFAULT_RESULTS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "results",
);

/** A run's result file and the directory its reports are written to. */
export interface RunLocation {
  readonly resultFile: string;
  readonly runDir: string;
}

function fromPath(path: string): RunLocation | null {
  if (!existsSync(path)) return null;
  if (statSync(path).isDirectory()) {
    const file = join(path, "result.json");
    return existsSync(file) ? { resultFile: file, runDir: path } : null;
  }
  return { resultFile: path, runDir: dirname(path) };
}

// `latest` is a symlink to the newest run, or a file holding its id where symlinks fail.
function latest(resultsDir: string): RunLocation | null {
  const link = join(resultsDir, "latest");
  if (!existsSync(link)) return null;
  if (statSync(link).isDirectory()) return fromPath(link);
  const id = readFileSync(link, "utf8").trim();
  return id === "" ? null : fromPath(join(resultsDir, id));
}

/**
 * Finds a run: a run directory, a result.json path, a run id under `resultsDir`, or `latest`.
 * Throws QS_REPORT_RUN_NOT_FOUND saying where it looked.
 */
export function locateRun(arg: string, resultsDir = DEFAULT_RESULTS_DIR): RunLocation {
  if (existsSync(resultsDir) && !statSync(resultsDir).isDirectory()) {
    throw new ReportError("QS_REPORT_USAGE", `--results-dir: ${resultsDir} is not a directory`, {
      field: "--results-dir",
    });
  }
  const found =
    fromPath(resolve(arg)) ??
    (arg === "latest" ? latest(resultsDir) : fromPath(join(resultsDir, arg)));
  if (found === null) {
    throw new ReportError(
      "QS_REPORT_RUN_NOT_FOUND",
      `run "${arg}" not found (looked for a path, then ${join(resultsDir, arg)}${arg === "latest" ? "" : "/result.json"})`,
    );
  }
  return found;
}
