// The suite manifest: what `npm run bench` ran as one suite, written by the harness and read by
// the suite report (they meet over files, never imports).

/** Version of the manifest's shape. */
export const SUITE_SCHEMA_VERSION = 1;

/** Why a run is in the suite: a comparison repeat, or one size of a sweep. */
export type SuiteRunKind = "compare" | "memory" | "task";

/** One run of the suite, in the order it ran. */
export interface SuiteRun {
  readonly scenario: string;
  readonly kind: SuiteRunKind;
  /** 1-based repeat of a comparison run (sweep runs: 1). */
  readonly repeat: number;
  /** The designs in the order they were measured (repeats alternate: A B, B A, ...). */
  readonly order: readonly ("sync" | "async")[];
  /** The swept size: async memory (MB) or sync task vCPU. */
  readonly memorySizeMB?: number;
  readonly taskVcpu?: number;
  readonly runId: string;
  /** result.json, relative to the suite folder. */
  readonly resultFile: string;
  readonly status: string;
}

/** The suite folder's `suite.json`. */
export interface SuiteManifest {
  readonly kind: "queueshift-suite";
  readonly schemaVersion: number;
  readonly suiteId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: {
    readonly quick: boolean;
    readonly repeat: number;
    readonly memorySweep: readonly number[];
    readonly taskSweep: readonly number[];
  };
  readonly runs: readonly SuiteRun[];
  /** The projection of the default profile (projection.json relative to the suite), if it ran. */
  readonly projection: { readonly runId: string; readonly file: string } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function runIssues(run: unknown, i: number): string[] {
  const at = `runs[${i}]`;
  if (!isObject(run)) return [`${at}: must be an object`];
  const out: string[] = [];
  for (const f of ["scenario", "runId", "resultFile", "status"]) {
    if (typeof run[f] !== "string") out.push(`${at}.${f}: must be a string`);
  }
  if (!["compare", "memory", "task"].includes(String(run.kind))) {
    out.push(`${at}.kind: must be compare, memory or task`);
  }
  if (!Number.isInteger(run.repeat) || (run.repeat as number) < 1) {
    out.push(`${at}.repeat: must be an integer >= 1`);
  }
  if (!Array.isArray(run.order) || run.order.some((a) => a !== "sync" && a !== "async")) {
    out.push(`${at}.order: must list sync/async`);
  }
  return out;
}

/** Validates a parsed suite.json; throws an Error listing every issue by field path. */
export function assertSuiteManifest(value: unknown): SuiteManifest {
  const issues: string[] = [];
  if (!isObject(value)) throw new Error("suite manifest: must be a JSON object");
  if (value.kind !== "queueshift-suite") issues.push('kind: must be "queueshift-suite"');
  if (value.schemaVersion !== SUITE_SCHEMA_VERSION) {
    issues.push(`schemaVersion: must be ${SUITE_SCHEMA_VERSION}`);
  }
  if (typeof value.suiteId !== "string") issues.push("suiteId: must be a string");
  if (!isObject(value.options)) issues.push("options: must be an object");
  if (!Array.isArray(value.runs)) issues.push("runs: must be an array");
  else for (const [i, r] of value.runs.entries()) issues.push(...runIssues(r, i));
  if (issues.length > 0) throw new Error(`suite manifest: ${issues.join("; ")}`);
  return value as unknown as SuiteManifest;
}
