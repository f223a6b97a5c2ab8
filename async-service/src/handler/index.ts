// The Lambda handler entry: esbuild bundles this file into dist/handler/index.mjs, which is what
// runs (locally in the harness's execution environments, and in the Lambda container image).
// Module scope is the init phase: it runs once per execution environment (the cold start).
// Results go out through the lean publisher (no AWS SDK client): it halves the bundle's share of
// the cold start; see README "Handler cold start".
import { randomUUID } from "node:crypto";
import { leanSqsOptionsFromEnv, resolveLeanSqsConfig } from "@queueshift/sqs-client";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { LeanSqsResultPublisher } from "./lean-sqs-publisher.js";
import { createBatchProcessor } from "./process-batch.js";

const env = process.env;
const resultsQueueUrl = env.RESULTS_QUEUE_URL;
if (!resultsQueueUrl)
  throw new Error("RESULTS_QUEUE_URL is not set: the handler has nowhere to publish results");

const log = (line: Record<string, unknown>) => console.log(JSON.stringify(line));

const sqsConfig = resolveLeanSqsConfig(leanSqsOptionsFromEnv(env, resultsQueueUrl));
const publisher = await LeanSqsResultPublisher.create(sqsConfig, (error, ids) =>
  log({
    level: "warn",
    msg: "results not published; the records will be retried",
    code: error.code,
    ...error.details,
    entries: ids.length,
    error: error.message,
  }),
);

const processBatch = createBatchProcessor({
  publisher,
  environmentId: env.AWS_LAMBDA_LOG_STREAM_NAME || `env-${randomUUID()}`,
  now: () => performance.timeOrigin + performance.now(),
  cpuMs: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1_000;
  },
  log,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // The results queue's maximum message size: what the publisher may send in one message.
  maxResultBytes: sqsConfig.maxBatchBytes,
});

/**
 * The SQS-triggered Lambda handler: returns a partial batch response. With a context it stops
 * before the function timeout and reports the records it could not finish (see process-batch.ts).
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  return processBatch(event, context);
}
