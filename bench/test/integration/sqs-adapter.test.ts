// The harness's SQS adapter against a real ElasticMQ: the lean client and the SDK-backed one must
// answer alike (the SDK one is what an endpoint needing the SDK's credential chain gets), and the
// result collector must count failed deletes and report failed calls instead of swallowing them.
import { SQSClient } from "@aws-sdk/client-sqs";
import { LeanSqs, type SqsApi, SqsCallError } from "@queueshift/sqs-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  LOCAL_CREDENTIALS,
  type StartedBroker,
  standardQueues,
  startBroker,
} from "../../src/broker/index.js";
import { SdkSqs } from "../../src/broker/sdk-sqs.js";
import { type CollectedResult, ResultCollector } from "../../src/stack/index.js";
import { eventually } from "./support.js";

const PREFIX = "adapter-";
let broker: StartedBroker;

beforeAll(async () => {
  broker = await startBroker({
    kind: "auto",
    jvmTuning: "startup",
    queues: standardQueues({ prefix: PREFIX }),
  });
});

afterAll(async () => {
  await broker?.stop();
});

const implementations: Array<[string, () => Promise<SqsApi>]> = [
  ["lean", () => LeanSqs.open({ endpoint: broker.endpoint, region: broker.region })],
  [
    "sdk",
    async () =>
      new SdkSqs(
        await import("@aws-sdk/client-sqs"),
        new SQSClient({
          endpoint: broker.endpoint,
          region: broker.region,
          credentials: LOCAL_CREDENTIALS,
        }),
      ),
  ],
];

describe.each(implementations)("SqsApi (%s) on ElasticMQ", (name, open) => {
  it("creates, finds, fills, long-polls, deletes (per-entry failures) and drops a queue", async () => {
    const sqs = await open();
    try {
      const queueName = `${PREFIX}${name}-scratch`;
      expect(await sqs.getQueueUrl(queueName)).toBeUndefined();
      const url = await sqs.createQueue(queueName, { VisibilityTimeout: "30" });
      expect(await sqs.getQueueUrl(queueName)).toBe(url);
      await sqs.setQueueAttributes(url, { VisibilityTimeout: "20" });
      expect((await sqs.getQueueAttributes(url, ["VisibilityTimeout"])).VisibilityTimeout).toBe(
        "20",
      );

      const bodies = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, body: `{"n":${i}}` }));
      expect((await sqs.sendMessageBatch(url, bodies)).failed).toEqual([]);
      await sqs.sendMessage(url, '{"n":10}');
      const depth = await sqs.getQueueAttributes(url, ["ApproximateNumberOfMessages"]);
      expect(Number(depth.ApproximateNumberOfMessages)).toBe(11);

      const received = [];
      for (let poll = 0; poll < 10 && received.length < 11; poll += 1) {
        received.push(
          ...(await sqs.receiveMessage(url, {
            maxMessages: 10,
            waitTimeSeconds: 1,
            attributeNames: ["All"],
          })),
        );
      }
      expect(received.map((m) => m.body).sort()).toEqual(
        Array.from({ length: 11 }, (_, i) => `{"n":${i}}`).sort(),
      );
      expect(received.every((m) => m.attributes.ApproximateReceiveCount === "1")).toBe(true);
      expect(received.every((m) => Number(m.attributes.SentTimestamp) > 0)).toBe(true);

      // One entry with a receipt handle ElasticMQ never issued: that entry fails, the rest go.
      const entries = received.slice(0, 3).map((m, i) => ({
        id: String(i),
        receiptHandle: i === 1 ? "not-a-receipt-handle" : m.receiptHandle,
      }));
      const { failed } = await sqs.deleteMessageBatch(url, entries);
      expect(failed.map((f) => f.id)).toEqual(["1"]);
      expect(failed[0]?.code).not.toBe("");

      // An empty long poll waits, an aborted one rejects at once with QS_SQS_ABORTED.
      const drained = await sqs.deleteMessageBatch(
        url,
        received.slice(3, 13).map((m, i) => ({ id: String(i), receiptHandle: m.receiptHandle })),
      );
      expect(drained.failed).toEqual([]);
      const abort = new AbortController();
      const poll = sqs.receiveMessage(url, {
        maxMessages: 1,
        waitTimeSeconds: 10,
        signal: abort.signal,
      });
      setTimeout(() => abort.abort(), 200);
      const started = performance.now();
      const error = await poll.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SqsCallError);
      expect((error as SqsCallError).code).toBe("QS_SQS_ABORTED");
      expect(performance.now() - started).toBeLessThan(5_000);

      await sqs.deleteQueue(url);
      expect(await sqs.getQueueUrl(queueName)).toBeUndefined();
    } finally {
      sqs.close();
    }
  });
});

describe("ResultCollector on ElasticMQ", () => {
  const result = (jobId: string) =>
    JSON.stringify({
      jobId,
      status: "succeeded",
      receiveCount: 1,
      environmentId: "env-1",
      coldStart: false,
      timings: {
        submittedAt: 1,
        sentAt: 1,
        firstReceivedAt: 1,
        handlerStartAt: 1,
        handlerEndAt: 2,
      },
      analysis: {},
    });

  it("counts results it could not delete and reports why", async () => {
    const sqs = await broker.sqs();
    const url = broker.queueUrl(`${PREFIX}results`);
    // The real client, with receipt handles ElasticMQ never issued: every delete entry fails.
    const receiveMessage: SqsApi["receiveMessage"] = async (...args) =>
      (await sqs.receiveMessage(...args)).map((m) => ({ ...m, receiptHandle: "bogus" }));
    const badHandles = new Proxy(sqs, {
      get: (target, key) => {
        if (key === "receiveMessage") return receiveMessage;
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const collected: CollectedResult[] = [];
    const errors: string[] = [];
    const collector = new ResultCollector(badHandles, url, {
      onResult: (r) => collected.push(r),
      onError: (m) => errors.push(m),
      receivers: 1,
    });
    await sqs.sendMessageBatch(url, [
      { id: "a", body: result("job-a") },
      { id: "b", body: result("job-b") },
    ]);
    collector.start();
    try {
      expect(await eventually(() => collector.counters().deleteFailures >= 2, 10_000)).toBe(true);
    } finally {
      await collector.stop();
    }

    expect(collected.map((r) => r.jobId).sort()).toEqual(["job-a", "job-b"]);
    expect(collector.counters().unique).toBe(2);
    expect(errors.some((m) => /not deleted .*redelivered/.test(m))).toBe(true);
    // The results are still on the queue (in flight): nothing was silently dropped.
    const depth = await sqs.getQueueAttributes(url, ["ApproximateNumberOfMessagesNotVisible"]);
    expect(Number(depth.ApproximateNumberOfMessagesNotVisible)).toBe(2);
  });

  it("deletes a backlog's results in batches across receives, and stop() deletes the rest", async () => {
    // Prepare
    const sqs = await broker.sqs();
    const url = await sqs.createQueue(`${PREFIX}backlog-results`, {});
    const ids = Array.from({ length: 25 }, (_, i) => `job-${i}`);
    for (let i = 0; i < ids.length; i += 10)
      await sqs.sendMessageBatch(
        url,
        ids.slice(i, i + 10).map((id) => ({ id, body: result(id) })),
      );
    const collected: string[] = [];
    const collector = new ResultCollector(sqs, url, { onResult: (r) => collected.push(r.jobId) });

    // Act
    collector.start();
    try {
      expect(await eventually(() => collected.length >= ids.length, 10_000)).toBe(true);
    } finally {
      await collector.stop();
    }

    // Assess
    const c = collector.counters();
    expect(collected.sort()).toEqual([...ids].sort());
    expect(c.deleteFailures).toBe(0);
    expect(c.deleteCalls).toBeLessThanOrEqual(c.receives - c.emptyReceives);
    const depth = await sqs.getQueueAttributes(url, [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
    ]);
    expect(Number(depth.ApproximateNumberOfMessages)).toBe(0);
    expect(Number(depth.ApproximateNumberOfMessagesNotVisible)).toBe(0);
  });

  it("reports failed receives while its queue is gone, and collects again once it is back", async () => {
    const sqs = await broker.sqs();
    const name = `${PREFIX}outage-results`;
    const url = await sqs.createQueue(name, {});
    const errors: string[] = [];
    const collected: string[] = [];
    const collector = new ResultCollector(sqs, url, {
      onResult: (r) => collected.push(r.jobId),
      onError: (m) => errors.push(m),
      receivers: 2,
    });
    collector.start();
    try {
      await sqs.deleteQueue(url);
      // ElasticMQ never answers a long poll pending on a queue it deletes: the call's time bound
      // ends it (reported too); the receives after that learn the queue does not exist.
      const missing = () =>
        errors.filter((m) => /ReceiveMessage: HTTP 400 .*QueueDoesNotExist/.test(m));
      expect(await eventually(() => missing().length >= 2, 20_000)).toBe(true);
      expect(await sqs.createQueue(name, {})).toBe(url);
      await sqs.sendMessage(url, result("job-after-outage"));
      expect(await eventually(() => collected.includes("job-after-outage"), 15_000)).toBe(true);
    } finally {
      await collector.stop();
    }
    expect(errors).toHaveLength(collector.counters().errors);
    expect(collector.counters().unique).toBe(1);
  });
});
