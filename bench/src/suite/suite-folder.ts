import { mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import {
  assertSuiteManifest,
  SUITE_SCHEMA_VERSION,
  type SuiteManifest,
  type SuiteRun,
} from "@queueshift/shared-model";
import { makeRunId } from "../output/result-writer.js";

/** The suite folder `<resultsDir>/<time>-suite/` and where its manifest goes. */
export interface SuiteFolder {
  readonly suiteId: string;
  readonly dir: string;
}

/** Creates a fresh suite folder (a suffix when one of that second exists). */
export async function createSuiteFolder(resultsDir: string, at = new Date()): Promise<SuiteFolder> {
  const base = makeRunId("suite", at);
  for (let n = 1; n < 1_000; n += 1) {
    const suiteId = n === 1 ? base : `${base}-${n}`;
    const dir = join(resultsDir, suiteId);
    try {
      await mkdir(dir);
      return { suiteId, dir };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  throw new Error(`no free suite directory for ${base} in ${resultsDir}`);
}

/** A run's entry, its result file given relative to the suite folder. */
export function suiteRunEntry(
  folder: SuiteFolder,
  run: Omit<SuiteRun, "resultFile">,
  resultFile: string,
): SuiteRun {
  return { ...run, resultFile: relative(folder.dir, resultFile) };
}

/** What the manifest records besides its runs. */
export interface ManifestFields {
  readonly startedAt: Date;
  readonly options: SuiteManifest["options"];
  readonly projectionFile: { runId: string; file: string } | null;
}

/**
 * Writes `suite.json` (validated, atomically) and points `<resultsDir>/latest-suite` at the
 * folder, as `latest` points at the newest run.
 */
export async function writeSuiteManifest(
  folder: SuiteFolder,
  resultsDir: string,
  runs: readonly SuiteRun[],
  f: ManifestFields,
): Promise<string> {
  const manifest = assertSuiteManifest({
    kind: "queueshift-suite",
    schemaVersion: SUITE_SCHEMA_VERSION,
    suiteId: folder.suiteId,
    startedAt: f.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: f.options,
    runs,
    projection:
      f.projectionFile === null
        ? null
        : { runId: f.projectionFile.runId, file: relative(folder.dir, f.projectionFile.file) },
  } satisfies SuiteManifest);
  const file = join(folder.dir, "suite.json");
  await writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  const link = join(resultsDir, "latest-suite");
  const tmp = join(resultsDir, `.latest-suite-${process.pid}`);
  try {
    await rm(tmp, { force: true });
    await symlink(folder.suiteId, tmp, "dir");
    await rename(tmp, link);
  } catch {
    // A file system without symlinks: the suite is still found by the path printed.
    await rm(tmp, { force: true }).catch(() => {});
  }
  return file;
}
