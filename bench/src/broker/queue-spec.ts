import { type FieldIssue, inRange, rangeMessage } from "@queueshift/shared-model";

/** What a queue must look like; the same spec drives ElasticMQ's config and external set-up. */
export interface QueueSpec {
  readonly name: string;
  /** Seconds; AWS default 30, range 0-43,200 (aws-facts.md 5.2). */
  readonly visibilityTimeoutSeconds?: number;
  /** Seconds of server-side long polling; AWS default 0, max 20 (aws-facts.md 5.2). */
  readonly receiveMessageWaitSeconds?: number;
  /** Bytes; `MaximumMessageSize`, 1,024 to 1,048,576 (aws-facts.md 0.6 and 5.2). */
  readonly maximumMessageSizeBytes?: number;
  /** Redrive policy: after `maxReceiveCount` receives without delete, SQS moves the message. */
  readonly deadLetter?: { readonly queueName: string; readonly maxReceiveCount?: number };
}

/** A queue spec with every default applied. */
export interface ResolvedQueueSpec {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly receiveMessageWaitSeconds: number;
  readonly maximumMessageSizeBytes: number;
  readonly deadLetter?: { readonly queueName: string; readonly maxReceiveCount: number };
}

/** Defaults and limits for queue specs. */
export const QUEUE_DEFAULTS = {
  visibilityTimeoutSeconds: 30, // s; AWS default (aws-facts.md 5.2)
  maxVisibilityTimeoutSeconds: 43_200, // s = 12 h; AWS maximum (aws-facts.md 5.2)
  receiveMessageWaitSeconds: 0, // s; AWS default (short polling unless asked)
  maxReceiveMessageWaitSeconds: 20, // s; AWS long-poll maximum (aws-facts.md 5.2)
  // Bytes. AWS sources disagree on the default of a new queue (aws-facts.md 5.2: 262,144 or
  // 1 MiB), so a spec without a size gets the old, certain one; the maximum is 1 MiB (0.6).
  maximumMessageSizeBytes: 262_144,
  minMaximumMessageSizeBytes: 1_024,
  maxMaximumMessageSizeBytes: 1_048_576,
  maxReceiveCount: 5, // AWS guidance: >= 5 so Lambda gets several tries (aws-facts.md 2.3)
  maxMaxReceiveCount: 1_000, // SQS RedrivePolicy upper bound
} as const;

// SQS CreateQueue: 1-80 characters of alphanumerics, hyphens and underscores (.fifo suffix for FIFO).
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The harness's queues: jobs (redriven to the DLQ), results, and the jobs DLQ. The jobs queue
 * and its DLQ take `maximumMessageSizeBytes` (the scenario's job size limit); the results queue
 * takes `resultsMaximumMessageSizeBytes`, by default what SQS allows (1 MiB), since a result can
 * be larger than its job.
 */
export function standardQueues(
  opts: {
    prefix?: string;
    visibilityTimeoutSeconds?: number;
    maxReceiveCount?: number;
    maximumMessageSizeBytes?: number;
    resultsMaximumMessageSizeBytes?: number;
  } = {},
): ResolvedQueueSpec[] {
  const prefix = opts.prefix ?? "";
  const visibility = opts.visibilityTimeoutSeconds ?? QUEUE_DEFAULTS.visibilityTimeoutSeconds;
  const jobBytes = opts.maximumMessageSizeBytes ?? QUEUE_DEFAULTS.maximumMessageSizeBytes;
  const dlq = `${prefix}jobs-dlq`;
  return [
    resolveQueueSpec({
      name: `${prefix}jobs`,
      visibilityTimeoutSeconds: visibility,
      maximumMessageSizeBytes: jobBytes,
      deadLetter: {
        queueName: dlq,
        maxReceiveCount: opts.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount,
      },
    }),
    resolveQueueSpec({
      name: `${prefix}results`,
      visibilityTimeoutSeconds: visibility,
      maximumMessageSizeBytes:
        opts.resultsMaximumMessageSizeBytes ?? QUEUE_DEFAULTS.maxMaximumMessageSizeBytes,
    }),
    resolveQueueSpec({ name: dlq, maximumMessageSizeBytes: jobBytes }),
  ];
}

/** Applies the defaults to one spec (does not validate). */
export function resolveQueueSpec(spec: QueueSpec): ResolvedQueueSpec {
  return {
    name: spec.name,
    visibilityTimeoutSeconds:
      spec.visibilityTimeoutSeconds ?? QUEUE_DEFAULTS.visibilityTimeoutSeconds,
    receiveMessageWaitSeconds:
      spec.receiveMessageWaitSeconds ?? QUEUE_DEFAULTS.receiveMessageWaitSeconds,
    maximumMessageSizeBytes: spec.maximumMessageSizeBytes ?? QUEUE_DEFAULTS.maximumMessageSizeBytes,
    ...(spec.deadLetter === undefined
      ? {}
      : {
          deadLetter: {
            queueName: spec.deadLetter.queueName,
            maxReceiveCount: spec.deadLetter.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount,
          },
        }),
  };
}

/** Every problem with a set of queue specs (empty when valid), like k6 validation. */
export function queueSpecIssues(specs: readonly QueueSpec[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const names = new Set(specs.map((s) => s.name));
  if (specs.length === 0)
    issues.push({ path: "queues", message: "at least one queue is required" });
  if (names.size !== specs.length)
    issues.push({ path: "queues", message: "queue names must be unique" });
  for (const [i, raw] of specs.entries()) {
    const s = resolveQueueSpec(raw);
    // The queue's name rides along in the path: an index alone is hard to match to a queue.
    const at = (field: string) => `queues[${i}] (${s.name}).${field}`;
    const add = (field: string, message: string) => issues.push({ path: at(field), message });
    if (!QUEUE_NAME.test(s.name)) add("name", "must be 1-80 of [A-Za-z0-9_-]");
    if (!inRange(s.visibilityTimeoutSeconds, 0, QUEUE_DEFAULTS.maxVisibilityTimeoutSeconds, true)) {
      add(
        "visibilityTimeoutSeconds",
        rangeMessage(0, QUEUE_DEFAULTS.maxVisibilityTimeoutSeconds, true),
      );
    }
    if (
      !inRange(s.receiveMessageWaitSeconds, 0, QUEUE_DEFAULTS.maxReceiveMessageWaitSeconds, true)
    ) {
      add(
        "receiveMessageWaitSeconds",
        rangeMessage(0, QUEUE_DEFAULTS.maxReceiveMessageWaitSeconds, true),
      );
    }
    const { minMaximumMessageSizeBytes: minBytes, maxMaximumMessageSizeBytes: maxBytes } =
      QUEUE_DEFAULTS;
    if (!inRange(s.maximumMessageSizeBytes, minBytes, maxBytes, true)) {
      add("maximumMessageSizeBytes", rangeMessage(minBytes, maxBytes, true));
    }
    if (s.deadLetter !== undefined) {
      if (!names.has(s.deadLetter.queueName) || s.deadLetter.queueName === s.name) {
        add("deadLetter.queueName", "must name another queue in the list");
      }
      if (!inRange(s.deadLetter.maxReceiveCount, 1, QUEUE_DEFAULTS.maxMaxReceiveCount, true)) {
        add("deadLetter.maxReceiveCount", rangeMessage(1, QUEUE_DEFAULTS.maxMaxReceiveCount, true));
      }
    }
  }
  return issues;
}

/** Specs ordered so every dead-letter queue comes before the queues that redrive to it. */
export function deadLettersFirst(specs: readonly ResolvedQueueSpec[]): ResolvedQueueSpec[] {
  const targets = new Set(specs.flatMap((s) => (s.deadLetter ? [s.deadLetter.queueName] : [])));
  return [
    ...specs.filter((s) => targets.has(s.name)),
    ...specs.filter((s) => !targets.has(s.name)),
  ];
}
