import { type FieldIssue, formatIssues } from "@queueshift/shared-model";
import { BrokerError } from "./errors.js";
import {
  type QueueSpec,
  queueSpecIssues,
  type ResolvedQueueSpec,
  resolveQueueSpec,
} from "./queue-spec.js";
import { ELASTICMQ_VERSION } from "./versions.js";

/** How to provide the broker: pick automatically, or force one implementation. */
export const BrokerKinds = ["auto", "jvm", "container", "external"] as const;

/** A broker kind (including "auto"). */
export type BrokerKindOption = (typeof BrokerKinds)[number];

/** How to tune the broker JVM (see `BrokerOptions.jvmTuning`). */
export const JvmTunings = ["throughput", "startup"] as const;

/** A JVM tuning choice. */
export type JvmTuning = (typeof JvmTunings)[number];

/** A log writer: one line per call, no trailing newline. Library code never prints. */
export type BrokerLogWriter = (line: string) => void;

/**
 * Where a local ElasticMQ keeps queues and messages: "h2" (default) is its SQL message storage
 * in an H2 file under the broker's temp folder, so a killed and restarted broker keeps every
 * accepted message, as SQS would; "memory" keeps them in the JVM only (faster, lost on a crash).
 */
export const BrokerStorages = ["h2", "memory"] as const;

/** A message storage choice. */
export type BrokerStorage = (typeof BrokerStorages)[number];

/** How often a local broker that dies is restarted before the supervisor gives up. */
export interface RestartPolicy {
  /** Restarts allowed within any `windowMs`; 0 never restarts (a death is still reported). */
  readonly maxRestarts: number;
  readonly windowMs: number;
}

/** What the restart supervisor reports, besides its log lines. */
export type BrokerEvent =
  | { readonly type: "restarted"; readonly restarts: number; readonly pid: number | undefined }
  | { readonly type: "gave-up"; readonly restarts: number; readonly error: Error };

/** Options for `startBroker`; everything but `queues` has a default. */
export interface BrokerOptions {
  readonly queues: readonly QueueSpec[];
  readonly kind?: BrokerKindOption;
  /** External mode only: the SQS endpoint, e.g. `https://sqs.us-east-1.amazonaws.com`. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Where resolved jars and the JVM class-data archive are cached (default `<repo>/.cache`). */
  readonly cacheDir?: string;
  readonly elasticmqVersion?: string;
  /** Container mode: the image to run (default `softwaremill/elasticmq-native:<version>`). */
  readonly containerImage?: string;
  readonly log?: BrokerLogWriter;
  readonly startupTimeoutMs?: number;
  readonly resolveTimeoutMs?: number;
  readonly stopGraceMs?: number;
  /**
   * JVM tuning: "throughput" (default) keeps the full JIT, for benchmark runs where the broker
   * must not steal CPU from the system under test; "startup" stops at the C1 compiler, which
   * measured about 2x faster to ready on a busy 2-core machine (see README.md), for tests.
   */
  readonly jvmTuning?: JvmTuning;
  /** Extra JVM flags, appended after the defaults. */
  readonly jvmArgs?: readonly string[];
  /** External mode: delete the queues this broker created when it stops (default false). */
  readonly deleteCreatedQueuesOnStop?: boolean;
  /** JVM mode: message storage (default "h2"; see `BrokerStorages`). */
  readonly storage?: BrokerStorage;
  /** JVM mode: restart a broker that dies, on the same port (default 3 within 60 s). */
  readonly restart?: Partial<RestartPolicy>;
  /** Called when the supervisor restarted the broker or gave up. */
  readonly onEvent?: (event: BrokerEvent) => void;
}

/** Validated, frozen options with all defaults applied. */
export interface ResolvedBrokerOptions {
  readonly queues: readonly ResolvedQueueSpec[];
  readonly kind: BrokerKindOption;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly cacheDir: string | undefined;
  readonly elasticmqVersion: string;
  readonly containerImage: string | undefined;
  readonly log: BrokerLogWriter;
  readonly startupTimeoutMs: number;
  readonly resolveTimeoutMs: number;
  readonly stopGraceMs: number;
  readonly jvmTuning: JvmTuning;
  readonly jvmArgs: readonly string[];
  readonly deleteCreatedQueuesOnStop: boolean;
  readonly storage: BrokerStorage;
  readonly restart: RestartPolicy;
  readonly onEvent: (event: BrokerEvent) => void;
}

/** Defaults for broker options. */
export const BROKER_DEFAULTS = {
  kind: "auto",
  region: "us-east-1", // the price sheet's region (aws-facts.md "How to read this sheet")
  elasticmqVersion: ELASTICMQ_VERSION,
  startupTimeoutMs: 60_000, // ms; a JVM start is ~1-3 s, but 2 shared cores can be very busy
  resolveTimeoutMs: 300_000, // ms; first Maven resolve downloads ~37 MB of jars
  stopGraceMs: 10_000, // ms between SIGTERM and SIGKILL; the first stop writes a ~45 MB CDS archive
  jvmTuning: "throughput",
  deleteCreatedQueuesOnStop: false,
  storage: "h2",
  // A crash loop is not worth more: 3 restarts of ~3 s each within a minute, then the run is told.
  restart: { maxRestarts: 3, windowMs: 60_000 },
} as const;

/** What is wrong with the options, one issue per field (empty when they are valid). */
function brokerOptionIssues(options: BrokerOptions): FieldIssue[] {
  const issues: FieldIssue[] = [...queueSpecIssues(options.queues ?? [])];
  const kind = options.kind ?? BROKER_DEFAULTS.kind;
  if (!BrokerKinds.includes(kind))
    issues.push({ path: "kind", message: `must be one of ${BrokerKinds.join(", ")}` });
  if (options.jvmTuning !== undefined && !JvmTunings.includes(options.jvmTuning)) {
    issues.push({ path: "jvmTuning", message: `must be one of ${JvmTunings.join(", ")}` });
  }
  if (kind === "external" && options.endpoint === undefined) {
    issues.push({ path: "endpoint", message: "required when kind is 'external'" });
  }
  if (options.endpoint !== undefined && !isHttpUrl(options.endpoint)) {
    issues.push({ path: "endpoint", message: `not an http(s) URL: ${options.endpoint}` });
  }
  const version = options.elasticmqVersion;
  if (version !== undefined && !/^\d+\.\d+\.\d+$/.test(version)) {
    issues.push({ path: "elasticmqVersion", message: `must look like 1.7.1, got ${version}` });
  }
  if (options.storage !== undefined && !BrokerStorages.includes(options.storage)) {
    issues.push({ path: "storage", message: `must be one of ${BrokerStorages.join(", ")}` });
  }
  const restart = { ...BROKER_DEFAULTS.restart, ...options.restart };
  if (!(Number.isInteger(restart.maxRestarts) && restart.maxRestarts >= 0)) {
    issues.push({ path: "restart.maxRestarts", message: "must be an integer >= 0" });
  }
  if (!(Number.isFinite(restart.windowMs) && restart.windowMs > 0)) {
    issues.push({ path: "restart.windowMs", message: "must be > 0" });
  }
  for (const key of ["startupTimeoutMs", "resolveTimeoutMs", "stopGraceMs"] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      issues.push({ path: key, message: "must be > 0" });
  }
  return issues;
}

/** Applies defaults and validates once; returns a frozen copy (the input is not touched). */
export function resolveBrokerOptions(options: BrokerOptions): ResolvedBrokerOptions {
  const issues = brokerOptionIssues(options);
  if (issues.length > 0) {
    throw new BrokerError(
      "QS_BROKER_INVALID_OPTIONS",
      `invalid broker options: ${formatIssues(issues)}`,
      {
        issues,
      },
    );
  }
  const kind = options.kind ?? BROKER_DEFAULTS.kind;
  const restart = { ...BROKER_DEFAULTS.restart, ...options.restart };
  return Object.freeze({
    queues: Object.freeze(options.queues.map((q) => Object.freeze(resolveQueueSpec(q)))),
    kind,
    endpoint: options.endpoint?.replace(/\/+$/, ""),
    region: options.region ?? BROKER_DEFAULTS.region,
    cacheDir: options.cacheDir,
    elasticmqVersion: options.elasticmqVersion ?? BROKER_DEFAULTS.elasticmqVersion,
    containerImage: options.containerImage,
    log: options.log ?? (() => {}),
    startupTimeoutMs: options.startupTimeoutMs ?? BROKER_DEFAULTS.startupTimeoutMs,
    resolveTimeoutMs: options.resolveTimeoutMs ?? BROKER_DEFAULTS.resolveTimeoutMs,
    stopGraceMs: options.stopGraceMs ?? BROKER_DEFAULTS.stopGraceMs,
    jvmTuning: options.jvmTuning ?? BROKER_DEFAULTS.jvmTuning,
    jvmArgs: Object.freeze([...(options.jvmArgs ?? [])]),
    deleteCreatedQueuesOnStop:
      options.deleteCreatedQueuesOnStop ?? BROKER_DEFAULTS.deleteCreatedQueuesOnStop,
    storage: options.storage ?? BROKER_DEFAULTS.storage,
    restart: Object.freeze(restart),
    onEvent: options.onEvent ?? (() => {}),
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
