import { type FieldIssue, WORKLOAD_NAMES } from "@queueshift/shared-model";
import { validateScheduleSpec } from "../load/schedule-spec.js";
import { ScenarioError } from "./scenario-errors.js";
import {
  type AsyncSettings,
  DeploymentTargets,
  type LoadSpec,
  SCENARIO_DEFAULTS,
  type Scenario,
  type WorkloadWeight,
} from "./scenario-types.js";
import { checkAsync } from "./validate-async.js";
import { deepFreeze, type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";
import {
  checkBodies,
  checkTargets,
  normaliseBodies,
  normaliseTargets,
} from "./validate-targets.js";

const TOP_FIELDS = [
  "$schema",
  "name",
  "description",
  "load",
  "warmup",
  "workload",
  "seed",
  "architectures",
  "target",
  "sync",
  "async",
  "drain",
  "targets",
  "bodies",
];
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

// The load module reports `stages/0/target`; scenario paths read `load.stages[0].target`.
function loadPath(path: string): string {
  const dotted = path
    .split("/")
    .filter((p) => p !== "")
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : `${acc}.${p}`), "load");
  return dotted;
}

/** Fargate task CPU sizes in vCPU (aws-facts 8.2). */
export const FARGATE_VCPUS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** How each executor's `load` is checked, keyed by `load.executor` (no branches on its name). */
interface LoadRules {
  check(issues: Issues, load: Record<string, unknown>): void;
  /** The executor sends one fixed body (autocannon), so the workload is a single preset. */
  readonly fixedBody: boolean;
}

const scheduleRules: LoadRules = {
  check: (issues, load) => {
    for (const issue of validateScheduleSpec(load)) {
      issues.push({ path: loadPath(issue.path), message: issue.message });
    }
  },
  fixedBody: false,
};

const LOAD_RULES: Readonly<Record<LoadSpec["executor"], LoadRules>> = {
  "constant-arrival-rate": scheduleRules,
  "ramping-arrival-rate": scheduleRules,
  spike: scheduleRules,
  closed: {
    check: (issues, load) => {
      rejectUnknown(issues, "load", load, ["executor", "connections", "duration"]);
      numberIn(issues, "load.connections", load.connections, 1, 1_000, true);
      numberIn(issues, "load.duration", load.duration, 1, 86_400, true);
    },
    fixedBody: true,
  },
};

function rulesFor(load: unknown): LoadRules | undefined {
  if (!isRecord(load) || typeof load.executor !== "string") return undefined;
  return Object.hasOwn(LOAD_RULES, load.executor)
    ? LOAD_RULES[load.executor as LoadSpec["executor"]]
    : undefined;
}

function checkLoad(issues: Issues, load: unknown): void {
  if (!isRecord(load)) {
    issues.push({ path: "load", message: "must be an object with an `executor`" });
    return;
  }
  const rules = rulesFor(load);
  if (rules === undefined) {
    issues.push({
      path: "load.executor",
      message: `must be one of ${Object.keys(LOAD_RULES).join(", ")}`,
    });
    return;
  }
  rules.check(issues, load);
}

function checkWorkload(issues: Issues, workload: unknown, fixedBody: boolean): void {
  if (!Array.isArray(workload) || workload.length === 0) {
    issues.push({ path: "workload", message: "must be a non-empty array of {preset, weight}" });
    return;
  }
  const seen = new Set<unknown>();
  for (const [i, entry] of (workload as unknown[]).entries()) {
    const at = `workload[${i}]`;
    if (!isRecord(entry)) {
      issues.push({ path: at, message: "must be {preset, weight}" });
      continue;
    }
    rejectUnknown(issues, at, entry, ["preset", "weight"]);
    if (!WORKLOAD_NAMES.includes(entry.preset as WorkloadWeight["preset"])) {
      issues.push({ path: `${at}.preset`, message: `must be one of ${WORKLOAD_NAMES.join(", ")}` });
    } else if (seen.has(entry.preset)) {
      issues.push({ path: `${at}.preset`, message: "is listed twice" });
    }
    seen.add(entry.preset);
    numberIn(issues, `${at}.weight`, entry.weight, Number.MIN_VALUE, 1e6);
  }
  if (fixedBody && workload.length > 1) {
    issues.push({
      path: "workload",
      message: "the closed executor (autocannon) sends one fixed body: list exactly one preset",
    });
  }
}

function checkSync(issues: Issues, sync: unknown): void {
  if (!isRecord(sync)) {
    issues.push({ path: "sync", message: "must be an object" });
    return;
  }
  rejectUnknown(issues, "sync", sync, ["workers", "taskVcpu"]);
  if (sync.taskVcpu !== undefined && !(FARGATE_VCPUS as readonly unknown[]).includes(sync.taskVcpu))
    issues.push({
      path: "sync.taskVcpu",
      message: `must be a Fargate task size: one of ${FARGATE_VCPUS.join(", ")} vCPU`,
    });
  if (sync.workers !== undefined) numberIn(issues, "sync.workers", sync.workers, 1, 64, true);
}

function checkParts(issues: Issues, s: Record<string, unknown>): void {
  if (typeof s.name !== "string" || !NAME.test(s.name)) {
    issues.push({ path: "name", message: "must be 1-64 of [a-z0-9-], starting alphanumeric" });
  }
  if (typeof s.description !== "string" || s.description.length === 0) {
    issues.push({ path: "description", message: "must be a non-empty string" });
  }
  checkLoad(issues, s.load);
  if (s.warmup !== undefined) {
    if (!isRecord(s.warmup)) issues.push({ path: "warmup", message: "must be {duration, rate}" });
    else {
      rejectUnknown(issues, "warmup", s.warmup, ["duration", "rate"]);
      numberIn(issues, "warmup.duration", s.warmup.duration ?? 0, 0, 3_600);
      numberIn(issues, "warmup.rate", s.warmup.rate ?? 0, 0, 100_000);
    }
  }
  const fixedBody = rulesFor(s.load)?.fixedBody ?? false;
  if (s.workload !== undefined) checkWorkload(issues, s.workload, fixedBody);
  if (s.seed !== undefined) numberIn(issues, "seed", s.seed, 0, 2 ** 32 - 1, true);
  if (
    s.architectures !== undefined &&
    !["sync", "async", "both"].includes(String(s.architectures))
  ) {
    issues.push({ path: "architectures", message: "must be 'sync', 'async' or 'both'" });
  }
  if (s.target !== undefined && !(DeploymentTargets as readonly unknown[]).includes(s.target)) {
    issues.push({
      path: "target",
      message: `must be ${DeploymentTargets.map((t) => `'${t}'`).join(" or ")}`,
    });
  }
  if (s.sync !== undefined) checkSync(issues, s.sync);
  if (s.async !== undefined) checkAsync(issues, s.async);
  if (s.targets !== undefined) checkTargets(issues, s.targets);
  if (s.target === "containers" && ownTargets(s.targets)) {
    // The container target runs the project's own images: a user's service or function would be
    // silently replaced by the built-in core.
    issues.push({
      path: "target",
      message:
        "'containers' runs the built-in core's images; a scenario with its own targets runs as processes (drop `target` or `targets`)",
    });
  }
  if (s.bodies !== undefined) checkBodies(issues, s.bodies);
  if (s.drain !== undefined) {
    if (!isRecord(s.drain)) issues.push({ path: "drain", message: "must be {timeoutSeconds}" });
    else {
      rejectUnknown(issues, "drain", s.drain, ["timeoutSeconds"]);
      numberIn(issues, "drain.timeoutSeconds", s.drain.timeoutSeconds ?? 0, 0, 3_600);
    }
  }
}

/** Every problem with a scenario value (empty when valid); never throws. */
export function scenarioIssues(input: unknown): FieldIssue[] {
  if (!isRecord(input)) return [{ path: "(scenario)", message: "must be a JSON object" }];
  const issues: Issues = [];
  rejectUnknown(issues, "", input, TOP_FIELDS);
  checkParts(issues, input);
  return issues;
}

/**
 * Validates a scenario value (all problems at once) and returns it with defaults, frozen;
 * relative paths in it (bodies, start commands' cwd) resolve against `baseDir`.
 */
export function parseScenario(input: unknown, source = "scenario", baseDir = "."): Scenario {
  const issues = scenarioIssues(input);
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new ScenarioError("QS_SCENARIO_INVALID", `${source} is invalid: ${list}`, { issues });
  }
  const s = input as Record<string, Record<string, unknown>>;
  const d = SCENARIO_DEFAULTS;
  const scenario = {
    name: s.name,
    description: s.description,
    load: structuredClone(s.load),
    warmup: { ...d.warmup, ...(s.warmup ?? {}) },
    workload: structuredClone(s.workload ?? d.workload),
    seed: s.seed ?? d.seed,
    architectures: s.architectures ?? d.architectures,
    target: s.target ?? d.target,
    sync: { ...d.sync, ...(s.sync ?? {}) },
    async: { ...d.async, ...(s.async ?? {}) } as AsyncSettings,
    drain: { ...d.drain, ...(s.drain ?? {}) },
    ...(s.targets === undefined ? {} : { targets: normaliseTargets(s.targets, baseDir) }),
    ...(s.bodies === undefined ? {} : { bodies: normaliseBodies(s.bodies, baseDir) }),
  } as unknown as Scenario;
  return deepFreeze(scenario);
}

/** Whether `targets` names a user's own sync service or async function/front door. */
function ownTargets(targets: unknown): boolean {
  if (!isRecord(targets)) return false;
  if (targets.sync !== undefined) return true;
  const a = targets.async;
  if (!isRecord(a)) return a !== undefined;
  if (a.enqueueUrl !== undefined) return true;
  const fn = a.function;
  return !(isRecord(fn) && fn.runtime === "builtin" && fn.handler === undefined);
}
