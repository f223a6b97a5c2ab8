// The harness's one way to an SQS endpoint. The lean client (SigV4 over keep-alive sockets) costs
// a fraction of the SDK's CPU per call, which matters because the event source mapping and the
// result collector share the cores with the analyses they measure; the SDK is loaded only when
// the credentials must come from its provider chain.
import {
  type AwsCredentials,
  credentialsFromEnv,
  isLoopbackEndpoint,
  LeanSqs,
  SQS_MAX_WAIT_SECONDS,
  type SqsApi,
} from "@queueshift/sqs-client";
import { SdkSqs } from "./sdk-sqs.js";

/** Where to connect and how hard to try. */
export interface OpenSqsOptions {
  readonly endpoint: string;
  readonly region: string;
  /** Static credentials (a local broker's dummy ones); else the environment's; else the SDK chain. */
  readonly credentials?: AwsCredentials;
  /** Bound on one call (ms); long polls add their wait. */
  readonly timeoutMs?: number;
  /** SDK path only: attempts per call (the lean client retries only a stale kept-alive socket). */
  readonly sdkMaxAttempts?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const DEFAULTS = {
  timeoutMs: 5_000, // ms per call; a dead endpoint fails fast, a long poll adds its 0..20 s
  // The mapping's pollers, the collector's receivers, deletes and depth reads share one agent;
  // queued behind long polls, a delete would wait up to a poll's length.
  maxSockets: 64,
  sdkMaxAttempts: 3, // the SDK's own default
};

/** `SqsApi` for an endpoint: lean when it can sign (loopback, static or env credentials), SDK otherwise. */
export async function openSqs(options: OpenSqsOptions): Promise<SqsApi> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const credentials = options.credentials ?? credentialsFromEnv(options.env ?? process.env);
  if (credentials !== undefined || isLoopbackEndpoint(options.endpoint)) {
    // Raw sockets for a plain-http endpoint: node:http's client was over a third of the
    // harness's CPU per job at saturation (bench:async-overhead's profile).
    return LeanSqs.open(
      {
        endpoint: options.endpoint,
        region: options.region,
        ...(credentials ? { credentials } : {}),
        timeoutMs,
        maxSockets: DEFAULTS.maxSockets,
      },
      "raw",
    );
  }
  const sdk = await import("@aws-sdk/client-sqs");
  const client = new sdk.SQSClient({
    endpoint: options.endpoint,
    region: options.region,
    maxAttempts: options.sdkMaxAttempts ?? DEFAULTS.sdkMaxAttempts,
    // ms; the SDK has one bound for every call, so it must leave room for the longest poll
    requestHandler: {
      connectionTimeout: 2_000,
      requestTimeout: timeoutMs + SQS_MAX_WAIT_SECONDS * 1_000,
    },
  });
  return new SdkSqs(sdk, client);
}
