import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root (bench/dist/stack -> ../../..; also right from bench/src/stack). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Built artefacts the stacks run: they meet the services by path, never by import. */
export const ARTEFACTS = {
  syncMain: `${REPO_ROOT}sync-service/dist/main.js`,
  enqueueApiMain: `${REPO_ROOT}async-service/dist/api/main.js`,
  handlerBundle: `${REPO_ROOT}async-service/dist/handler/index.mjs`,
} as const;

/** Throws a clear error naming the missing artefact and the command that builds it. */
export function requireArtefact(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}
