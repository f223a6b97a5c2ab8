import { parseArgs } from "node:util";
import {
  DEFAULT_HTTP_EDGE_SETTINGS,
  type HttpEdgeSettings,
  parseIntegerSetting,
  readHttpEdgeSettings,
  SettingError,
} from "@queueshift/shared-model";
import { SQS_MAX_MESSAGE_BYTES } from "@queueshift/sqs-client";
import type { EnvelopeKind } from "./plugins/jobs.js";

/** SQS's maximum message size (defined with the SQS client): 256 KiB by default, up to 1 MiB (aws-facts 5.2). */
export { SQS_MAX_MESSAGE_BYTES };

/** The enqueue API's settings: the HTTP edge's (host, timeouts, ...) plus its own. */
export interface EnqueueApiConfig extends HttpEdgeSettings {
  readonly port: number;
  /** The jobs queue; required. */
  readonly queueUrl: string;
  /** SQS endpoint (ElasticMQ locally); absent means AWS's regional endpoint. */
  readonly endpoint?: string;
  readonly region: string;
  /** Largest job message accepted (bytes); bigger jobs get 413 and are not enqueued. */
  readonly maxMessageBytes: number;
  /** Seconds a client should wait after a 503 from the broker. */
  readonly retryAfterSeconds: number;
  /** `analyze` (validated, the built-in handler's) or `payload` (any JSON, a user's handler). */
  readonly envelope: EnvelopeKind;
}

/** Defaults; units in the comments (the HTTP edge's are in shared-model's `DEFAULT_HTTP_EDGE_SETTINGS`). */
export const DEFAULT_ENQUEUE_CONFIG = Object.freeze({
  ...DEFAULT_HTTP_EDGE_SETTINGS,
  port: 3001,
  region: "us-east-1",
  maxMessageBytes: SQS_MAX_MESSAGE_BYTES.default, // 256 KiB
  retryAfterSeconds: 1, // s
  envelope: "analyze" as EnvelopeKind,
});

/**
 * Defaults <- environment <- flags (`--queue-url`, `--endpoint`, `--port`, `--host`, `--region`,
 * `--max-message-bytes`, `--envelope`), read once, validated and frozen. The HTTP edge's variables (HOST,
 * LOG_LEVEL, BODY_LIMIT, the timeouts, SHUTDOWN_GRACE_MS) are read as the sync service reads them.
 */
export function loadEnqueueConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): EnqueueApiConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      "queue-url": { type: "string" },
      endpoint: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      region: { type: "string" },
      "max-message-bytes": { type: "string" },
      envelope: { type: "string" },
    },
    strict: true,
  });
  const queueUrl = values["queue-url"] || env.QUEUE_URL;
  if (!queueUrl)
    throw new SettingError("QUEUE_URL (--queue-url)", "the jobs queue URL is required");
  const endpoint = values.endpoint || env.SQS_ENDPOINT;
  const envelope = values.envelope ?? env.ENVELOPE ?? DEFAULT_ENQUEUE_CONFIG.envelope;
  if (envelope !== "analyze" && envelope !== "payload")
    throw new SettingError("ENVELOPE (--envelope)", "must be 'analyze' or 'payload'");
  return Object.freeze({
    ...readHttpEdgeSettings({ ...env, HOST: values.host ?? env.HOST }, DEFAULT_ENQUEUE_CONFIG),
    port:
      parseIntegerSetting("PORT (--port)", values.port ?? env.PORT, 0, 65_535) ??
      DEFAULT_ENQUEUE_CONFIG.port,
    queueUrl,
    ...(endpoint ? { endpoint } : {}),
    region: values.region || env.AWS_REGION || DEFAULT_ENQUEUE_CONFIG.region,
    maxMessageBytes:
      parseIntegerSetting(
        "MAX_MESSAGE_BYTES (--max-message-bytes)",
        values["max-message-bytes"] ?? env.MAX_MESSAGE_BYTES,
        1024,
        SQS_MAX_MESSAGE_BYTES.ceiling,
      ) ?? DEFAULT_ENQUEUE_CONFIG.maxMessageBytes,
    retryAfterSeconds: DEFAULT_ENQUEUE_CONFIG.retryAfterSeconds,
    envelope,
  });
}

/** The error for a setting that could not be used (the message names the variable or flag). */
export { SettingError as ConfigError };
