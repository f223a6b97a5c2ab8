// Issue acceptance for the async service: the enqueue API, a real ElasticMQ, the real handler
// bundle invoked with real SQS events by this test (the test plays the event source mapping).
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedBroker, standardQueues, startBroker } from "../../src/broker/index.js";
import { toSqsRecord } from "../../src/lambda/index.js";
import { ARTEFACTS, type NodeService, startNodeService } from "../../src/stack/index.js";
import { deleteAll, inParallel, jobRequest, postJson, receiveAll } from "./support.js";

const PREFIX = "rt-";
const JOBS = 1_000;
let broker: StartedBroker;
let api: NodeService;
let client: SQSClient;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
let jobsUrl: string;
let resultsUrl: string;

async function depth(url: string): Promise<number> {
  const { GetQueueAttributesCommand } = await import("@aws-sdk/client-sqs");
  const a =
    (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] })))
      .Attributes ?? {};
  return (
    Number(a.ApproximateNumberOfMessages) +
    Number(a.ApproximateNumberOfMessagesNotVisible) +
    Number(a.ApproximateNumberOfMessagesDelayed)
  );
}

beforeAll(async () => {
  broker = await startBroker({
    kind: "auto",
    jvmTuning: "startup",
    queues: standardQueues({ prefix: PREFIX }),
  });
  client = broker.sqsClient();
  jobsUrl = broker.queueUrl(`${PREFIX}jobs`);
  resultsUrl = broker.queueUrl(`${PREFIX}results`);
  api = await startNodeService({
    name: "enqueue API",
    script: ARTEFACTS.enqueueApiMain,
    args: ["--queue-url", jobsUrl, "--endpoint", broker.endpoint, "--port", "0"],
  });
  // The handler's init reads its configuration from the environment, as on Lambda.
  process.env.RESULTS_QUEUE_URL = resultsUrl;
  process.env.SQS_ENDPOINT = broker.endpoint;
  process.env.AWS_LAMBDA_LOG_STREAM_NAME = "test-environment";
  ({ handler } = (await import(ARTEFACTS.handlerBundle)) as { handler: typeof handler });
});

afterAll(async () => {
  await api?.stop();
  await broker?.stop();
});

describe("async round trip through ElasticMQ", () => {
  it("takes 1,000 jobs in and gives 1,000 results out, leaving every queue empty", async () => {
    const apiUrl = `${String(api.listening.url)}/v1/jobs`;
    const accepted = await inParallel(JOBS, 16, async (i) => postJson(apiUrl, jobRequest(i)));
    expect(accepted.every((r) => r.status === 202)).toBe(true);
    const jobIds = new Set(accepted.map((r) => String(r.body.jobId)));
    expect(jobIds.size).toBe(JOBS);

    const messages = await receiveAll(client, jobsUrl, JOBS);
    expect(messages).toHaveLength(JOBS);
    const source = {
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:rt-jobs",
      awsRegion: "us-east-1",
    };
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      const response = await handler({ Records: batch.map((m) => toSqsRecord(m, source)) });
      expect(response.batchItemFailures).toEqual([]);
      await deleteAll(client, jobsUrl, batch);
    }

    const results = await receiveAll(client, resultsUrl, JOBS);
    const resultIds = new Set(results.map((m) => (JSON.parse(m.body) as { jobId: string }).jobId));
    expect(resultIds).toEqual(jobIds);
    await deleteAll(client, resultsUrl, results);
    expect(await depth(jobsUrl)).toBe(0);
    expect(await depth(resultsUrl)).toBe(0);
    expect(await depth(broker.queueUrl(`${PREFIX}jobs-dlq`))).toBe(0);
  });

  it.each([
    ["malformed JSON", '{"dataset":', 400, "QS_MALFORMED_JSON"],
    [
      "a wrong type",
      { dataset: { kind: "synthetic", size: "many", seed: 1 } },
      400,
      "QS_INVALID_REQUEST",
    ],
    [
      "an oversize job",
      {
        dataset: {
          kind: "inline",
          customers: Array.from({ length: 2500 }, (_, i) => ({
            id: `c-${i}`,
            recencyDays: 1,
            frequency: 2,
            monetary: 3,
            channel: "email",
            campaign: "spring-sale",
            converted: false,
          })),
        },
      },
      413,
      "QS_PAYLOAD_TOO_LARGE",
    ],
  ])("rejects %s with a 4xx code and enqueues nothing", async (_name, body, status, code) => {
    const res = await postJson(`${String(api.listening.url)}/v1/jobs`, body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await depth(jobsUrl)).toBe(0);
  });
});
