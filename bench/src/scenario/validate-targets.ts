import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { FieldIssue } from "@queueshift/shared-model";
import { parseJsonLines } from "../load/body-source.js";
import { templateIssues } from "../load/body-template.js";
import { isLoopback } from "../load/loopback.js";
import type { Scenario } from "./scenario-types.js";
import { type BodiesSpec, SYNC_TARGET_DEFAULTS, type TargetsSpec } from "./target-types.js";
import { checkAsyncTarget, normaliseAsyncTarget } from "./validate-async-target.js";
import { type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

function httpUrl(issues: Issues, path: string, value: unknown): void {
  let ok = false;
  try {
    ok = typeof value === "string" && new URL(value).protocol === "http:";
  } catch {
    ok = false;
  }
  if (!ok) issues.push({ path, message: "must be an absolute http:// URL" });
}

function stringMap(issues: Issues, path: string, value: unknown): void {
  if (!isRecord(value) || Object.values(value).some((v) => typeof v !== "string")) {
    issues.push({ path, message: "must be an object of string values" });
  }
}

function checkStart(issues: Issues, start: unknown): void {
  const at = "targets.sync.start";
  if (!isRecord(start)) {
    issues.push({ path: at, message: "must be {command, readiness, cwd?, env?, timeoutMs?}" });
    return;
  }
  rejectUnknown(issues, at, start, ["command", "cwd", "env", "readiness", "timeoutMs"]);
  const c = start.command;
  if (!Array.isArray(c) || c.length === 0 || c.some((a) => typeof a !== "string" || a === "")) {
    issues.push({
      path: `${at}.command`,
      message: "must be a non-empty array of non-empty strings (argv, no shell)",
    });
  }
  if (start.cwd !== undefined && (typeof start.cwd !== "string" || start.cwd === "")) {
    issues.push({ path: `${at}.cwd`, message: "must be a non-empty path" });
  }
  if (start.env !== undefined) stringMap(issues, `${at}.env`, start.env);
  httpUrl(issues, `${at}.readiness`, start.readiness);
  if (start.timeoutMs !== undefined)
    numberIn(issues, `${at}.timeoutMs`, start.timeoutMs, 100, 600_000, true);
}

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
  if (sync.method !== undefined && !(METHODS as readonly unknown[]).includes(sync.method)) {
    issues.push({ path: "targets.sync.method", message: `must be one of ${METHODS.join(", ")}` });
  }
  if (sync.headers !== undefined) stringMap(issues, "targets.sync.headers", sync.headers);
  if (sync.start !== undefined) checkStart(issues, sync.start);
}

/** Checks `bodies`: a JSON Lines `file` (cycled or sampled) or a `template` (body-template.ts). */
export function checkBodies(issues: Issues, value: unknown, workloadGiven: boolean): void {
  if (!isRecord(value) || (value.file === undefined) === (value.template === undefined)) {
    issues.push({ path: "bodies", message: "must be {file, order?} or {template}" });
    return;
  }
  if (workloadGiven) {
    issues.push({ path: "bodies", message: "replaces `workload`: give one of them, not both" });
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
      ...(start === undefined
        ? {}
        : {
            start: {
              command: [...(start.command as string[])],
              cwd: resolve(baseDir, (start.cwd as string | undefined) ?? "."),
              env: { ...((start.env as Record<string, string> | undefined) ?? {}) },
              readiness: start.readiness as string,
              timeoutMs: (start.timeoutMs as number | undefined) ?? d.start.timeoutMs,
            },
          }),
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
  const async = scenario.targets?.async;
  const urls: [string, string | undefined][] = [
    ["targets.sync.url", sync?.url],
    ["targets.sync.start.readiness", sync?.start?.readiness],
    [
      "targets.async.enqueueUrl",
      async !== undefined && "enqueueUrl" in async ? async.enqueueUrl : undefined,
    ],
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
