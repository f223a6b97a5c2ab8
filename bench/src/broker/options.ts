import { formatIssues } from "@queueshift/shared-model";
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
}

/** Validated, frozen options with all defaults applied. */
export interface ResolvedBrokerOptions {
  readonly queues: readonly ResolvedQueueSpec[];
  readonly kind: BrokerKindOption;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly cacheDir: string | undefined;
  readonly elasticmqVersion: string;
  readonly log: BrokerLogWriter;
  readonly startupTimeoutMs: number;
  readonly resolveTimeoutMs: number;
  readonly stopGraceMs: number;
  readonly jvmTuning: JvmTuning;
  readonly jvmArgs: readonly string[];
  readonly deleteCreatedQueuesOnStop: boolean;
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
} as const;

/** Applies defaults and validates once; returns a frozen copy (the input is not touched). */
export function resolveBrokerOptions(options: BrokerOptions): ResolvedBrokerOptions {
  const issues = [...queueSpecIssues(options.queues ?? [])];
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
  for (const key of ["startupTimeoutMs", "resolveTimeoutMs", "stopGraceMs"] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      issues.push({ path: key, message: "must be > 0" });
  }
  if (issues.length > 0) {
    throw new BrokerError(
      "QS_BROKER_INVALID_OPTIONS",
      `invalid broker options: ${formatIssues(issues)}`,
      {
        issues,
      },
    );
  }
  return Object.freeze({
    queues: Object.freeze(options.queues.map((q) => Object.freeze(resolveQueueSpec(q)))),
    kind,
    endpoint: options.endpoint?.replace(/\/+$/, ""),
    region: options.region ?? BROKER_DEFAULTS.region,
    cacheDir: options.cacheDir,
    elasticmqVersion: options.elasticmqVersion ?? BROKER_DEFAULTS.elasticmqVersion,
    log: options.log ?? (() => {}),
    startupTimeoutMs: options.startupTimeoutMs ?? BROKER_DEFAULTS.startupTimeoutMs,
    resolveTimeoutMs: options.resolveTimeoutMs ?? BROKER_DEFAULTS.resolveTimeoutMs,
    stopGraceMs: options.stopGraceMs ?? BROKER_DEFAULTS.stopGraceMs,
    jvmTuning: options.jvmTuning ?? BROKER_DEFAULTS.jvmTuning,
    jvmArgs: Object.freeze([...(options.jvmArgs ?? [])]),
    deleteCreatedQueuesOnStop:
      options.deleteCreatedQueuesOnStop ?? BROKER_DEFAULTS.deleteCreatedQueuesOnStop,
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
