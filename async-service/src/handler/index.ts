// The Lambda handler entry: esbuild bundles this file into dist/handler/index.mjs, which is what
// runs (locally in the harness's execution environments, and in the Lambda container image).
// Module scope is the init phase: it runs once per execution environment (the cold start).
import { randomUUID } from "node:crypto";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { createBatchProcessor } from "./process-batch.js";
import { SqsResultPublisher } from "./sqs-publisher.js";

const env = process.env;
const resultsQueueUrl = env.RESULTS_QUEUE_URL;
if (!resultsQueueUrl)
  throw new Error("RESULTS_QUEUE_URL is not set: the handler has nowhere to publish results");

const endpoint = env.SQS_ENDPOINT || env.AWS_ENDPOINT_URL_SQS;
const client = new SQSClient({
  region: env.AWS_REGION || "us-east-1",
  ...(endpoint ? { endpoint } : {}),
  // A local broker needs no real credentials; on AWS the execution role's are picked up as usual.
  ...(endpoint && !env.AWS_ACCESS_KEY_ID
    ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } }
    : {}),
});

const processBatch = createBatchProcessor({
  publisher: new SqsResultPublisher(
    client,
    resultsQueueUrl,
    Number(env.MAX_MESSAGE_BYTES) || undefined,
  ),
  environmentId: env.AWS_LAMBDA_LOG_STREAM_NAME || `env-${randomUUID()}`,
  now: () => performance.timeOrigin + performance.now(),
  log: (line) => console.log(JSON.stringify(line)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** The SQS-triggered Lambda handler: returns a partial batch response. */
export async function handler(event: SQSEvent, _context?: Context): Promise<SQSBatchResponse> {
  return processBatch(event);
}
