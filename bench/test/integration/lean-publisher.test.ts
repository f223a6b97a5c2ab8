// The handler bundle's lean SQS publisher (SigV4-signed JSON 1.0 SendMessageBatch, no AWS SDK
// client) against a real ElasticMQ: this test plays the event source mapping, invokes the built
// bundle with real SQS events, and reads every result back from the results queue.
import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedBroker, standardQueues, startBroker } from "../../src/broker/index.js";
import { toSqsRecord } from "../../src/lambda/index.js";
import { ARTEFACTS } from "../../src/stack/index.js";
import { deleteAll, jobRequest, receiveAll } from "./support.js";

const PREFIX = "lean-";
const JOBS = 60;
// More than SendMessageBatch's 10 entries (ElasticMQ rejects more): each publish makes two calls.
const RECORDS_PER_INVOCATION = 20;
const HANDLER_ENV = {
  AWS_LAMBDA_LOG_STREAM_NAME: "lean-test-environment",
  // Credentials as Lambda provides them (ElasticMQ checks none): the signed path with a token.
  AWS_ACCESS_KEY_ID: "AKIDLEANINTEGRATION",
  AWS_SECRET_ACCESS_KEY: "lean-integration-secret",
  AWS_SESSION_TOKEN: "lean-integration-token",
};
let broker: StartedBroker;
let client: SQSClient;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
let jobsUrl: string;
let resultsUrl: string;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  broker = await startBroker({
    kind: "auto",
    jvmTuning: "startup",
    queues: standardQueues({ prefix: PREFIX }),
  });
  client = broker.sqsClient();
  jobsUrl = broker.queueUrl(`${PREFIX}jobs`);
  resultsUrl = broker.queueUrl(`${PREFIX}results`);
  // The handler's init reads its configuration from the environment, as on Lambda.
  const env = { ...HANDLER_ENV, RESULTS_QUEUE_URL: resultsUrl, SQS_ENDPOINT: broker.endpoint };
  for (const [name, value] of Object.entries(env)) {
    savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
  ({ handler } = (await import(ARTEFACTS.handlerBundle)) as { handler: typeof handler });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await broker?.stop();
});

describe("the handler bundle's lean SQS publisher on ElasticMQ", () => {
  it("publishes every result to the results queue", async () => {
    const jobIds = Array.from({ length: JOBS }, (_, i) => `lean-job-${i}`);
    for (let i = 0; i < JOBS; i += 10) {
      const out = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: jobsUrl,
          Entries: jobIds.slice(i, i + 10).map((jobId, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify({
              v: 1,
              jobId,
              submittedAt: Date.now(),
              request: jobRequest(i + j),
            }),
          })),
        }),
      );
      expect(out.Failed ?? []).toEqual([]);
    }
    const jobs = await receiveAll(client, jobsUrl, JOBS);
    expect(jobs).toHaveLength(JOBS);
    const source = {
      eventSourceARN: `arn:aws:sqs:${broker.region}:000000000000:${PREFIX}jobs`,
      awsRegion: broker.region,
    };

    for (let i = 0; i < jobs.length; i += RECORDS_PER_INVOCATION) {
      const batch = jobs.slice(i, i + RECORDS_PER_INVOCATION);
      const response = await handler({ Records: batch.map((m) => toSqsRecord(m, source)) });
      expect(response.batchItemFailures).toEqual([]);
    }
    await deleteAll(client, jobsUrl, jobs);

    const results = await receiveAll(client, resultsUrl, JOBS + 1); // +1: a duplicate would show
    await deleteAll(client, resultsUrl, results);
    const bodies = results.map(
      (m) => JSON.parse(m.body) as { jobId: string; status: string; environmentId: string },
    );
    expect(bodies.map((b) => b.jobId).sort()).toEqual([...jobIds].sort());
    expect(new Set(bodies.map((b) => `${b.status}@${b.environmentId}`))).toEqual(
      new Set(["succeeded@lean-test-environment"]),
    );
  });
});
