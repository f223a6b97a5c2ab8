import type { AsyncTarget } from "./validate-async-target.js";

/** A command the harness runs for a target (sync service, async front door), waits for, and stops on every exit path. */
export interface TargetStart {
  /** argv: the program and its arguments (no shell). */
  readonly command: readonly string[];
  /** Absolute working directory (a relative one resolves against the scenario file's folder). */
  readonly cwd: string;
  /** Added to the harness's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** GET this URL until it answers 2xx: the target is ready then. */
  readonly readiness: string;
  /** ms to wait for readiness before the run fails, naming the command and its last output. */
  readonly timeoutMs: number;
}

/** Any HTTP service as architecture A, instead of the built-in core's Fastify service. */
export interface SyncTarget {
  readonly url: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly headers: Readonly<Record<string, string>>;
  readonly start?: TargetStart;
}

/** A scenario's own targets; an absent part means the built-in TypeScript core. */
export interface TargetsSpec {
  readonly sync?: SyncTarget;
  /** The async target (a function or an enqueue URL), checked by validate-async-target.ts. */
  readonly async?: AsyncTarget;
}

/** Request bodies from a JSON Lines file: one JSON value a line, cycled or sampled by seed. */
export interface BodiesFileSpec {
  /** Absolute path (a relative one resolves against the scenario file's folder). */
  readonly file: string;
  readonly order: "cycle" | "sample";
}

/** Request bodies from a JSON template whose string leaves may hold seeded fields (`{{int:1:9}}`). */
export interface BodiesTemplateSpec {
  readonly template: unknown;
}

/** Where request bodies come from instead of the workload mix. */
export type BodiesSpec = BodiesFileSpec | BodiesTemplateSpec;

/** Defaults of a target's `start` block (units in comments). */
export const TARGET_START_DEFAULTS = Object.freeze({
  timeoutMs: 60_000, // ms: a Python service importing scikit-learn needs seconds
});

/** Defaults of `targets.sync` (units in comments). */
export const SYNC_TARGET_DEFAULTS = Object.freeze({
  method: "POST",
  headers: Object.freeze({ "content-type": "application/json" }),
  start: TARGET_START_DEFAULTS,
});

/** Defaults of the user's own front door, `targets.async.enqueueUrl`. */
export const FRONT_DOOR_DEFAULTS = Object.freeze({
  method: "POST",
  headers: SYNC_TARGET_DEFAULTS.headers,
  /** The field of a 2xx response's JSON body that holds the job id (dots for nested fields). */
  jobIdField: "jobId",
});
