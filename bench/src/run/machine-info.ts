import { readFileSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem, type } from "node:os";
import { fileURLToPath } from "node:url";
import type { ResultDocument } from "@queueshift/shared-model";

/** The repository root (from bench/src/run or bench/dist/run alike). */
export const REPO_ROOT_DIR = fileURLToPath(new URL("../../../", import.meta.url));

/** Packages whose versions every result records (they shape the numbers). */
export const KEY_PACKAGES = [
  "fastify",
  "undici",
  "autocannon",
  "hdr-histogram-js",
  "@aws-sdk/client-sqs",
  "@sinclair/typebox",
  "typescript",
] as const;

/** Linux's autogroup switch (`/proc/sys/kernel/sched_autogroup_enabled`); undefined when unreadable. */
export function schedAutogroup(
  path = "/proc/sys/kernel/sched_autogroup_enabled",
): boolean | undefined {
  try {
    const v = readFileSync(path, "utf8").trim();
    return v === "1" ? true : v === "0" ? false : undefined;
  } catch {
    return undefined;
  }
}

/** The machine the run measured on. */
export function machineInfo(): ResultDocument["machine"] {
  const autogroup = schedAutogroup();
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: Math.max(1, availableParallelism()),
    memoryBytes: totalmem(),
    os: `${type()} ${release()} ${process.arch}`,
    node: process.version,
    ...(autogroup === undefined ? {} : { schedAutogroup: autogroup }),
  };
}

function readVersion(packageJson: string): string | undefined {
  try {
    const v = (JSON.parse(readFileSync(packageJson, "utf8")) as { version?: unknown }).version;
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Installed versions of the key packages (from node_modules), the harness and Node. */
export function packageVersions(root = REPO_ROOT_DIR): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const name of KEY_PACKAGES) {
    const v = readVersion(`${root}node_modules/${name}/package.json`);
    if (v !== undefined) out[name] = v;
  }
  const bench = readVersion(`${root}bench/package.json`);
  if (bench !== undefined) out["@queueshift/bench"] = bench;
  return out;
}

/** The harness's own version, for the document's `tool` block. */
export function toolVersion(root = REPO_ROOT_DIR): string {
  return readVersion(`${root}bench/package.json`) ?? "0.0.0";
}
