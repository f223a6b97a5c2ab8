// Settings of the lean SQS client. It takes credentials only as given (or from the environment, as
// Lambda provides them); anything that needs the SDK's full provider chain uses the SDK instead.
import { LeanSqsConfigError } from "./errors.js";

/** SQS message size limits (bytes): 256 KiB by default, up to 1 MiB since 2025 (aws-facts 5.2). */
export const SQS_MAX_MESSAGE_BYTES = { default: 262_144, ceiling: 1_048_576 } as const;

/** AWS credentials as Lambda hands them to a function (environment variables). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Where and how the client talks to SQS: resolved, validated settings. */
export interface SqsEndpointConfig {
  /** Where requests are POSTed (AWS JSON 1.0 protocol). */
  readonly endpoint: string;
  /** The SigV4 signing region. */
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** Bound on one call, response included (ms); a long poll adds its wait time to it. */
  readonly timeoutMs: number;
  /** Keep-alive sockets the agent may open. */
  readonly maxSockets: number;
}

/** What a caller may give for an endpoint; everything has a default or a derivation. */
export type SqsEndpointOptions = Partial<SqsEndpointConfig>;

/** The lean publisher's settings: an endpoint plus the queue it sends to. */
export interface LeanSqsConfig extends SqsEndpointConfig {
  /** The queue results go to. */
  readonly queueUrl: string;
  /** Largest total of message bodies in one SendMessageBatch call (bytes). */
  readonly maxBatchBytes: number;
}

/** What a caller may give; everything but `queueUrl` has a default or a derivation. */
export type LeanSqsOptions = Partial<Omit<LeanSqsConfig, "queueUrl">> & {
  readonly queueUrl: string;
};

/** Defaults; units in the comments. */
export const DEFAULT_LEAN_SQS_CONFIG = Object.freeze({
  region: "us-east-1",
  maxBatchBytes: SQS_MAX_MESSAGE_BYTES.default, // 256 KiB: a queue's default maximum message size (aws-facts 5.2)
  timeoutMs: 5_000, // 5 s per call; a stuck call fails its chunk, which is retried by redelivery
  maxSockets: 4, // one invocation at a time sends its chunks one after another; a few spare
});

/** Credentials for a local broker (ElasticMQ checks none); never sent anywhere but loopback. */
export const LOCAL_CREDENTIALS: AwsCredentials = Object.freeze({
  accessKeyId: "local",
  secretAccessKey: "local",
});

/** True for an endpoint on this machine (ElasticMQ), where no real credentials exist. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}

/** SQS's regional endpoint; the China partition has its own domain. */
export function regionalSqsEndpoint(region: string): string {
  return `https://sqs.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new LeanSqsConfigError(field, `expected an integer from ${min} to ${max}, got ${value}`);
  return value;
}

function validUrl(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new LeanSqsConfigError(field, `not a URL: ${JSON.stringify(value)}`, { cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new LeanSqsConfigError(field, `expected http or https, got ${url.protocol}`);
  return value;
}

/** Endpoint options -> defaults filled in, validated once, frozen. The caller's object is not touched. */
export function resolveSqsEndpointConfig(options: SqsEndpointOptions): SqsEndpointConfig {
  const region = options.region || DEFAULT_LEAN_SQS_CONFIG.region;
  // The region becomes part of a host name and of the signing scope.
  if (!/^[a-z0-9-]+$/.test(region)) throw new LeanSqsConfigError("region", `invalid: ${region}`);
  const endpoint = validUrl("endpoint", options.endpoint || regionalSqsEndpoint(region));
  const credentials =
    options.credentials ?? (isLoopbackEndpoint(endpoint) ? LOCAL_CREDENTIALS : undefined);
  if (!credentials?.accessKeyId || !credentials.secretAccessKey)
    throw new LeanSqsConfigError(
      "credentials",
      "none given for a non-local endpoint (on Lambda: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
    );
  return Object.freeze({
    endpoint,
    region,
    credentials: Object.freeze({ ...credentials }),
    timeoutMs: integer(
      "timeoutMs",
      options.timeoutMs ?? DEFAULT_LEAN_SQS_CONFIG.timeoutMs,
      1,
      300_000,
    ),
    maxSockets: integer(
      "maxSockets",
      options.maxSockets ?? DEFAULT_LEAN_SQS_CONFIG.maxSockets,
      1,
      256,
    ),
  });
}

/** Publisher options -> defaults filled in, validated once, frozen. */
export function resolveLeanSqsConfig(options: LeanSqsOptions): LeanSqsConfig {
  return Object.freeze({
    ...resolveSqsEndpointConfig(options),
    queueUrl: validUrl("queueUrl", options.queueUrl),
    maxBatchBytes: integer(
      "maxBatchBytes",
      options.maxBatchBytes ?? DEFAULT_LEAN_SQS_CONFIG.maxBatchBytes,
      1,
      SQS_MAX_MESSAGE_BYTES.ceiling, // 1 MiB, SQS's largest message (aws-facts 5.2)
    ),
  });
}

/**
 * Options from a Lambda environment: SQS_ENDPOINT or AWS_ENDPOINT_URL_SQS, AWS_REGION (or
 * AWS_DEFAULT_REGION), the execution role's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN, and MAX_MESSAGE_BYTES. Unset variables are left to the defaults.
 */
export function leanSqsOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  queueUrl: string,
): LeanSqsOptions {
  const maxBytes = env.MAX_MESSAGE_BYTES;
  return {
    queueUrl,
    endpoint: env.SQS_ENDPOINT || env.AWS_ENDPOINT_URL_SQS || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    credentials: credentialsFromEnv(env),
    maxBatchBytes: maxBytes ? Number(maxBytes) : undefined,
  };
}

/** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), or undefined when either key is unset. */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): AwsCredentials | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}
