import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project cache folder, `<repo>/.cache` (git-ignored): the repo root is the nearest
 * folder above this module whose package.json declares workspaces. Works from `src/` and
 * `dist/` alike; falls back to `<cwd>/.cache` when the module is installed elsewhere.
 */
export function defaultCacheDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isWorkspaceRoot(dir)) return join(dir, ".cache");
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), ".cache");
    dir = parent;
  }
}

function isWorkspaceRoot(dir: string): boolean {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
    return typeof parsed === "object" && parsed !== null && "workspaces" in parsed;
  } catch {
    return false;
  }
}
