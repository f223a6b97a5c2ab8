import { parseArgs } from "node:util";
import { parseIntegerSetting, SettingError } from "@queueshift/shared-model";
import { SQS_MAX_MESSAGE_BYTES } from "@queueshift/sqs-client";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** SQS's maximum message size (defined with the SQS client): 256 KiB by default, up to 1 MiB (aws-facts 5.2). */
export { SQS_MAX_MESSAGE_BYTES };

/** The enqueue API's settings. */
export interface EnqueueApiConfig {
  readonly host: string;
  readonly port: number;
  /** The jobs queue; required. */
  readonly queueUrl: string;
  /** SQS endpoint (ElasticMQ locally); absent means AWS's regional endpoint. */
  readonly endpoint?: string;
  readonly region: string;
  /** Largest job message accepted (bytes); bigger jobs get 413 and are not enqueued. */
  readonly maxMessageBytes: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: LogLevel;
  /** Seconds a client should wait after a 503 from the broker. */
  readonly retryAfterSeconds: number;
}

/** Defaults; units in the comments. */
export const DEFAULT_ENQUEUE_CONFIG = Object.freeze({
  host: "127.0.0.1",
  port: 3001,
  region: "us-east-1",
  maxMessageBytes: SQS_MAX_MESSAGE_BYTES.default, // 256 KiB
  bodyLimitBytes: 2 * 1024 * 1024, // 2 MiB, as the sync service; bigger jobs fail the queue limit first
  logLevel: "warn" as LogLevel,
  retryAfterSeconds: 1,
});

/** Defaults <- environment <- flags (`--queue-url`, `--endpoint`, `--port`, ...), validated and frozen. */
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
    },
    strict: true,
  });
  const queueUrl = values["queue-url"] ?? env.QUEUE_URL;
  if (!queueUrl)
    throw new SettingError("QUEUE_URL (--queue-url)", "the jobs queue URL is required");
  const level = env.LOG_LEVEL || DEFAULT_ENQUEUE_CONFIG.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new SettingError("LOG_LEVEL", `expected one of ${LOG_LEVELS.join(", ")}`);
  }
  const endpoint = values.endpoint ?? env.SQS_ENDPOINT;
  return Object.freeze({
    host: values.host ?? env.HOST ?? DEFAULT_ENQUEUE_CONFIG.host,
    port:
      parseIntegerSetting("PORT (--port)", values.port ?? env.PORT, 0, 65_535) ??
      DEFAULT_ENQUEUE_CONFIG.port,
    queueUrl,
    ...(endpoint ? { endpoint } : {}),
    region: values.region ?? env.AWS_REGION ?? DEFAULT_ENQUEUE_CONFIG.region,
    maxMessageBytes:
      parseIntegerSetting(
        "MAX_MESSAGE_BYTES (--max-message-bytes)",
        values["max-message-bytes"] ?? env.MAX_MESSAGE_BYTES,
        1024,
        SQS_MAX_MESSAGE_BYTES.ceiling,
      ) ?? DEFAULT_ENQUEUE_CONFIG.maxMessageBytes,
    bodyLimitBytes: DEFAULT_ENQUEUE_CONFIG.bodyLimitBytes,
    logLevel: level as LogLevel,
    retryAfterSeconds: DEFAULT_ENQUEUE_CONFIG.retryAfterSeconds,
  });
}

/** The error for a setting that could not be used (the message names the variable or flag). */
export { SettingError as ConfigError };
