import { mkdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { assertResultDocument, type ResultDocument } from "@queueshift/shared-model";

/** A run id: UTC time to the second plus the scenario, e.g. `2026-11-26T15-40-00Z-steady`. */
export function makeRunId(scenario: string, at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replaceAll(":", "-");
  return `${stamp}-${scenario}`;
}

/** Where a written result lives. */
export interface WrittenResult {
  readonly runId: string;
  readonly dir: string;
  readonly file: string;
}

async function freeDir(resultsDir: string, runId: string): Promise<{ runId: string; dir: string }> {
  for (let n = 1; n < 1_000; n += 1) {
    const id = n === 1 ? runId : `${runId}-${n}`;
    const dir = join(resultsDir, id);
    try {
      await mkdir(dir, { recursive: false });
      return { runId: id, dir };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  throw new Error(`no free run directory for ${runId} in ${resultsDir}`);
}

/**
 * Validates the document with `assertResultDocument` (the only output contract), writes
 * `<resultsDir>/<runId>/result.json` atomically, and points `<resultsDir>/latest` at it
 * (a symlink, or a `latest` file holding the id where symlinks fail).
 */
export async function writeResult(resultsDir: string, doc: ResultDocument): Promise<WrittenResult> {
  await mkdir(resultsDir, { recursive: true });
  const { runId, dir } = await freeDir(resultsDir, doc.runId);
  const final = assertResultDocument({ ...doc, runId });
  const file = join(dir, "result.json");
  await writeFile(`${file}.tmp`, `${JSON.stringify(final, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  await pointLatest(resultsDir, runId);
  return { runId, dir, file };
}

async function pointLatest(resultsDir: string, runId: string): Promise<void> {
  const latest = join(resultsDir, "latest");
  const tmp = join(resultsDir, `.latest-${process.pid}`);
  try {
    await rm(tmp, { force: true });
    await symlink(runId, tmp, "dir");
    await rename(tmp, latest); // atomic replace, also over an old symlink
  } catch {
    await rm(tmp, { force: true }).catch(() => {});
    await rm(latest, { force: true, recursive: true }).catch(() => {});
    await writeFile(latest, `${runId}\n`);
  }
}

/** Reads the run id `latest` points at (symlink or file). */
export async function readLatest(resultsDir: string): Promise<string | undefined> {
  try {
    return await readlink(join(resultsDir, "latest"));
  } catch {
    return (await readFile(join(resultsDir, "latest"), "utf8").catch(() => undefined))?.trim();
  }
}
