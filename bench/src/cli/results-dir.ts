import { mkdir, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./usage-error.js";

const FLAG = "--results-dir";

function errnoCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? code : String(err);
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") return undefined;
    throw new UsageError(`${FLAG}: cannot inspect ${path} (${errnoCode(err)})`, FLAG, {
      cause: err,
    });
  }
}

// One level at a time: Node 20's mkdir({ recursive: true }) never returns for a path under
// /proc, where mkdir answers ENOENT although the parent exists.
async function createMissing(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    const found = await statOrUndefined(p);
    if (found !== undefined) {
      if (!found.isDirectory()) throw new UsageError(`${FLAG}: ${p} is not a directory`, FLAG);
      break;
    }
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (err) {
      if (errnoCode(err) === "EEXIST") continue;
      throw new UsageError(`${FLAG}: cannot create ${p} (${errnoCode(err)})`, FLAG, {
        cause: err,
      });
    }
  }
}

/**
 * Makes sure the results directory exists (creating it if needed) and takes a file, before a
 * run spends minutes measuring; throws a `UsageError` naming --results-dir otherwise.
 */
export async function prepareResultsDir(path: string): Promise<string> {
  const dir = resolve(path);
  await createMissing(dir);
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    await writeFile(probe, "", { flag: "wx" });
    await unlink(probe);
  } catch (err) {
    throw new UsageError(`${FLAG}: cannot write in ${dir} (${errnoCode(err)})`, FLAG, {
      cause: err,
    });
  }
  return dir;
}
