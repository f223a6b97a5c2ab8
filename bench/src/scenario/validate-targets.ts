import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { FieldIssue } from "@queueshift/shared-model";
import { parseJsonLines } from "../load/body-source.js";
import { templateIssues } from "../load/body-template.js";
import { isLoopback } from "../load/loopback.js";
import type { Scenario } from "./scenario-types.js";
import { type BodiesSpec, SYNC_TARGET_DEFAULTS, type TargetsSpec } from "./target-types.js";
import { checkAsyncTarget, frontDoorOf, normaliseAsyncTarget } from "./validate-async-target.js";
import { type Issues, isRecord, rejectUnknown } from "./validate-helpers.js";
import { checkStart, httpUrl, methodIn, normaliseStart, stringMap } from "./validate-http.js";

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** Checks `targets`: `sync` here; `async` by its own validator (validate-async-target.ts). */
export function checkTargets(issues: Issues, value: unknown): void {
  if (!isRecord(value)) {
    issues.push({ path: "targets", message: "must be {sync?, async?}" });
    return;
  }
  rejectUnknown(issues, "targets", value, ["sync", "async"]);
  if (value.async !== undefined) checkAsyncTarget(issues, value.async);
  const sync = value.sync;
  if (sync === undefined) return;
  if (!isRecord(sync)) {
    issues.push({ path: "targets.sync", message: "must be {url, method?, headers?, start?}" });
    return;
  }
  rejectUnknown(issues, "targets.sync", sync, ["url", "method", "headers", "start"]);
  httpUrl(issues, "targets.sync.url", sync.url);
  methodIn(issues, "targets.sync.method", sync.method, METHODS);
  if (sync.headers !== undefined) stringMap(issues, "targets.sync.headers", sync.headers);
  if (sync.start !== undefined) checkStart(issues, "targets.sync.start", sync.start);
}

/**
 * Checks `bodies`: a JSON Lines `file` (cycled or sampled) or a `template` (body-template.ts).
 * Bodies replace the workload mix (describe-scenario.ts says which one a run sends).
 */
export function checkBodies(issues: Issues, value: unknown): void {
  if (!isRecord(value) || (value.file === undefined) === (value.template === undefined)) {
    issues.push({ path: "bodies", message: "must be {file, order?} or {template}" });
    return;
  }
  if (value.template !== undefined) {
    rejectUnknown(issues, "bodies", value, ["template"]);
    issues.push(...templateIssues(value.template, "bodies.template"));
    return;
  }
  rejectUnknown(issues, "bodies", value, ["file", "order"]);
  if (typeof value.file !== "string" || value.file === "") {
    issues.push({ path: "bodies.file", message: "must be a path to a JSON Lines file" });
  }
  if (value.order !== undefined && value.order !== "cycle" && value.order !== "sample") {
    issues.push({ path: "bodies.order", message: "must be 'cycle' or 'sample'" });
  }
}

/** `targets` of a valid scenario with defaults applied and paths resolved against `baseDir`. */
export function normaliseTargets(value: Record<string, unknown>, baseDir: string): TargetsSpec {
  const sync = value.sync as Record<string, unknown> | undefined;
  const async = value.async as Record<string, unknown> | undefined;
  if (async !== undefined) value = { ...value, async: normaliseAsyncTarget(async, baseDir) };
  if (sync === undefined) return { ...value };
  const start = sync.start as Record<string, unknown> | undefined;
  const d = SYNC_TARGET_DEFAULTS;
  return {
    ...value,
    sync: {
      url: sync.url as string,
      method: (sync.method as "POST" | undefined) ?? d.method,
      headers: { ...((sync.headers as Record<string, string> | undefined) ?? d.headers) },
      ...(start === undefined ? {} : { start: normaliseStart(start, baseDir) }),
    },
  };
}

/** `bodies` of a valid scenario with its file resolved against `baseDir`. */
export function normaliseBodies(value: Record<string, unknown>, baseDir: string): BodiesSpec {
  if (value.template !== undefined) return { template: structuredClone(value.template) };
  return {
    file: resolve(baseDir, value.file as string),
    order: (value.order as "cycle" | "sample" | undefined) ?? "cycle",
  };
}

/** The scenario's target URLs that leave loopback (each names its field); `--allow-remote` permits them. */
export function remoteTargetIssues(scenario: Scenario): FieldIssue[] {
  const sync = scenario.targets?.sync;
  const frontDoor = frontDoorOf(scenario.targets?.async);
  const urls: [string, string | undefined][] = [
    ["targets.sync.url", sync?.url],
    ["targets.sync.start.readiness", sync?.start?.readiness],
    ["targets.async.enqueueUrl", frontDoor?.enqueueUrl],
    ["targets.async.start.readiness", frontDoor?.start.readiness],
  ];
  return urls
    .filter(([, url]) => url !== undefined && !isLoopback(new URL(url)))
    .map(([path, url]) => ({
      path,
      message: `${new URL(url as string).host} is not loopback; pass --allow-remote to benchmark a remote target`,
    }));
}

/** Reads the scenario's JSON Lines bodies file: problems name `bodies.file` and the line. */
export async function bodiesFileIssues(scenario: Scenario): Promise<FieldIssue[]> {
  const bodies = scenario.bodies;
  if (bodies === undefined || !("file" in bodies)) return [];
  let text: string;
  try {
    text = await readFile(bodies.file, "utf8");
  } catch (err) {
    return [
      { path: "bodies.file", message: `cannot read ${bodies.file}: ${(err as Error).message}` },
    ];
  }
  return parseJsonLines(text).issues.map((i) => ({
    path: "bodies.file",
    message: `${bodies.file} ${i.path}: ${i.message}`,
  }));
}
