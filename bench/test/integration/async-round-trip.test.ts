// Issue acceptance for the async service: the enqueue API, a real ElasticMQ, the real handler
// bundle invoked with real SQS events by this test (the test plays the event source mapping).
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedBroker, standardQueues, startBroker } from "../../src/broker/index.js";
import { toSqsRecord } from "../../src/lambda/index.js";
import { ARTEFACTS, type NodeService, startNodeService } from "../../src/stack/index.js";
import { inParallel, jobRequest, postJson } from "./support.js";

const PREFIX = "rt-";
const JOBS = 1_000;
let broker: StartedBroker;
let api: NodeService;
let client: SQSClient;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
let jobsUrl: string;
let resultsUrl: string;

async function receiveAll(
  url: string,
  max: number,
): Promise<
  Array<{
    MessageId?: string;
    ReceiptHandle?: string;
    Body?: string;
    Attributes?: Record<string, string>;
  }>
> {
  const out = [];
  for (let empty = 0; out.length < max && empty < 3; ) {
    const res = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) empty += 1;
    out.push(...messages);
  }
  return out;
}

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

    const messages = await receiveAll(jobsUrl, JOBS);
    expect(messages).toHaveLength(JOBS);
    const source = {
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:rt-jobs",
      awsRegion: "us-east-1",
    };
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      const records = batch.map((m) =>
        toSqsRecord(
          {
            messageId: m.MessageId ?? "",
            receiptHandle: m.ReceiptHandle ?? "",
            body: m.Body ?? "",
            attributes: m.Attributes ?? {},
            messageAttributes: {},
          } as never,
          source,
        ),
      );
      const response = await handler({ Records: records });
      expect(response.batchItemFailures).toEqual([]);
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: jobsUrl,
          Entries: batch.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? "" })),
        }),
      );
    }

    const results = await receiveAll(resultsUrl, JOBS);
    const resultIds = new Set(
      results.map((m) => (JSON.parse(m.Body ?? "{}") as { jobId: string }).jobId),
    );
    expect(resultIds).toEqual(jobIds);
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: resultsUrl,
        Entries: results
          .slice(0, 10)
          .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? "" })),
      }),
    );
    for (let i = 10; i < results.length; i += 10) {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: resultsUrl,
          Entries: results
            .slice(i, i + 10)
            .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? "" })),
        }),
      );
    }
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
