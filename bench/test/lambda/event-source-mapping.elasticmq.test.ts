// Integration: a real ElasticMQ broker, real environment processes, the real event source mapping.
// Needs the built runtime (`npx tsc -b bench`) and Java for the JVM ElasticMQ (or a container runtime).
import {
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedBroker, standardQueues, startBroker } from "../../src/broker/index.js";
import {
  EnvironmentPool,
  EventSourceMapping,
  type EventSourceQueue,
  type QueueMessage,
  SqsEventSourceQueue,
} from "../../src/lambda/index.js";
import { fixtureHandler, waitFor } from "./helpers.js";

const TOTAL = 300;
const POISON_EVERY = 30; // 10 poison messages
const MAX_RECEIVE_COUNT = 3;
const VISIBILITY_TIMEOUT_S = 2; // short so poison messages reach the DLQ quickly; triggers the 6x warning

/** Wraps the real queue to see which messages were received and deleted (by id). */
function recording(queue: EventSourceQueue) {
  const bodies = new Map<string, string>();
  const deleted = new Set<string>();
  const wrapped: EventSourceQueue = {
    url: queue.url,
    receive: async (request) => {
      const messages: readonly QueueMessage[] = await queue.receive(request);
      for (const m of messages) bodies.set(m.messageId, m.body);
      return messages;
    },
    deleteBatch: async (entries) => {
      const failed = await queue.deleteBatch(entries);
      for (const e of entries) if (!failed.includes(e.id)) deleted.add(e.id);
      return failed;
    },
    getAttributes: () => queue.getAttributes(),
  };
  return { wrapped, bodies, deleted };
}

async function sendAll(client: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies = Array.from({ length: TOTAL }, (_, i) =>
    i % POISON_EVERY === 0 ? `{"n":${i},"kind":"poison"}` : `{"n":${i}}`,
  );
  for (let i = 0; i < bodies.length; i += 10) {
    const entries = bodies.slice(i, i + 10).map((b, j) => ({ Id: String(j), MessageBody: b }));
    await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
  return bodies;
}

async function drain(client: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < 50; i += 1) {
    const out = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    if ((out.Messages ?? []).length === 0) break;
    bodies.push(...(out.Messages ?? []).map((m) => m.Body ?? ""));
  }
  return bodies;
}

describe("EventSourceMapping against ElasticMQ", () => {
  let broker: StartedBroker;
  let pool: EnvironmentPool;

  beforeAll(async () => {
    broker = await startBroker({
      kind: "auto",
      queues: standardQueues({
        prefix: "esm-",
        visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_S,
        maxReceiveCount: MAX_RECEIVE_COUNT,
      }),
    });
    pool = new EnvironmentPool({
      function: { handlerPath: fixtureHandler("sqs-poison.mjs"), timeoutSeconds: 1 },
      maxConcurrency: 4,
    });
  });

  afterAll(async () => {
    await pool?.close();
    await broker?.stop();
  });

  it("processes every message; poison ones end in the DLQ after maxReceiveCount; nothing is lost", async () => {
    // Prepare
    const client = broker.sqsClient();
    const sent = await sendAll(client, broker.queueUrl("esm-jobs"));
    const { wrapped, bodies, deleted } = recording(
      new SqsEventSourceQueue(await broker.sqs(), broker.queueUrl("esm-jobs")),
    );
    const warnings: string[] = [];
    const mapping = new EventSourceMapping({
      queue: wrapped,
      invoker: pool,
      options: {
        reportBatchItemFailures: true,
        waitTimeSeconds: 1,
        scaling: { maximumConcurrency: 4 },
      },
      log: { warn: (m) => warnings.push(m) },
    });

    // Act
    await mapping.start();
    try {
      await waitFor(
        () => deleted.size >= TOTAL - TOTAL / POISON_EVERY,
        60_000,
        "all good messages deleted",
      );
      // Poison messages need MAX_RECEIVE_COUNT failed receives, one visibility timeout apart.
      await waitFor(
        () => mapping.counters().retried >= (TOTAL / POISON_EVERY) * MAX_RECEIVE_COUNT,
        60_000,
        "poison messages to exhaust their receives",
      );
      await new Promise((resolve) => setTimeout(resolve, (VISIBILITY_TIMEOUT_S + 1) * 1000));
    } finally {
      await mapping.stop();
    }
    const dlq = await drain(client, broker.queueUrl("esm-jobs-dlq"));
    const leftInJobs = await drain(client, broker.queueUrl("esm-jobs"));

    // Assess
    const deletedBodies = [...deleted].map((id) => bodies.get(id) ?? "");
    const poison = sent.filter((b) => b.includes("poison"));
    expect(deletedBodies.some((b) => b.includes("poison"))).toBe(false);
    expect(new Set(deletedBodies).size).toBe(TOTAL - poison.length);
    expect([...dlq].sort()).toEqual([...poison].sort());
    expect(leftInJobs).toEqual([]);
    expect(new Set([...deletedBodies, ...dlq])).toEqual(new Set(sent));
    expect(warnings.some((w) => w.includes("below 6x the function timeout"))).toBe(true);
  }, 150_000);

  it("refuses to start when the queue's visibility timeout is below the function timeout, with AWS's message", async () => {
    // Prepare
    const slowPool = new EnvironmentPool({
      function: { handlerPath: fixtureHandler("sqs-poison.mjs"), timeoutSeconds: 3 },
      maxConcurrency: 1,
    });
    const { wrapped, bodies } = recording(
      new SqsEventSourceQueue(await broker.sqs(), broker.queueUrl("esm-jobs")),
    );
    const mapping = new EventSourceMapping({ queue: wrapped, invoker: slowPool });

    // Act
    const started = mapping.start();

    // Assess
    await expect(started).rejects.toMatchObject({
      code: "QS_LAMBDA_INVALID_CONFIG",
      message: "Queue visibility timeout: 2 seconds is less than Function timeout: 3 seconds",
    });
    await mapping.stop();
    await slowPool.close();
    expect(bodies.size).toBe(0);
    expect(slowPool.counters().environmentsStarted).toBe(0);
  });
});
