import { describe, expect, it } from "vitest";
import { BatchCollector, type BatchingSettings } from "../../src/lambda/index.js";
import { FakeClock, FakeQueue, message } from "./fakes.js";

const source = {
  eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:jobs",
  awsRegion: "us-east-1",
};

function setup(settings: Partial<BatchingSettings>) {
  const clock = new FakeClock();
  const queue = new FakeQueue(clock);
  const full: BatchingSettings = {
    batchSize: 10,
    maximumBatchingWindowInSeconds: 0,
    waitTimeSeconds: 20,
    maxPayloadBytes: 6 * 1024 * 1024,
    ...settings,
  };
  return { clock, queue, collector: new BatchCollector(queue, full, source, clock) };
}

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => message(`${prefix}${i}`));

describe("BatchCollector", () => {
  it("with no window, invokes with what one long poll returned", async () => {
    // Prepare
    const { queue, collector } = setup({ batchSize: 10 });
    queue.add(ids("a", 3));

    // Act
    const batch = await collector.collect();

    // Assess
    expect(batch?.records.map((r) => r.messageId)).toEqual(["a0", "a1", "a2"]);
    expect(queue.receives).toHaveLength(1);
    expect(queue.receives[0]).toMatchObject({ waitTimeSeconds: 20, maxMessages: 10 });
  });

  it("builds SQS event records with the attributes and source Lambda stamps on them", async () => {
    // Prepare
    const { queue, collector } = setup({});
    queue.add([message("m1", '{"x":1}')]);

    // Act
    const record = (await collector.collect())?.records[0];

    // Assess
    expect(record).toMatchObject({
      messageId: "m1",
      receiptHandle: "rh-m1",
      body: '{"x":1}',
      eventSource: "aws:sqs",
      eventSourceARN: source.eventSourceARN,
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1700000000000" },
    });
    expect(queue.receives[0]?.attributeNames).toEqual(["All"]);
  });

  it("returns nothing after an empty long poll", async () => {
    // Prepare
    const { clock, collector } = setup({});

    // Act
    const batch = await collector.collect();

    // Assess
    expect(batch).toBeUndefined();
    expect(clock.now()).toBe(20_000);
  });

  it("with a window, keeps receiving until the window ends", async () => {
    // Prepare: 5 now, 5 after 1 s, 5 after 5 s (outside a 2 s window)
    const { clock, queue, collector } = setup({
      batchSize: 100,
      maximumBatchingWindowInSeconds: 2,
    });
    queue.add(ids("a", 5), 0);
    queue.add(ids("b", 5), 1_000);
    queue.add(ids("c", 5), 5_000);

    // Act
    const batch = await collector.collect();

    // Assess
    expect(batch?.records).toHaveLength(10);
    expect(batch?.records.some((r) => r.messageId.startsWith("c"))).toBe(false);
    expect(clock.now()).toBeGreaterThanOrEqual(2_000);
    expect(clock.now()).toBeLessThan(5_000);
  });

  it("closes the batch at BatchSize before the window ends, asking for no more than the remainder", async () => {
    // Prepare
    const { clock, queue, collector } = setup({
      batchSize: 25,
      maximumBatchingWindowInSeconds: 60,
    });
    queue.add(ids("a", 40));

    // Act
    const batch = await collector.collect();

    // Assess
    expect(batch?.records).toHaveLength(25);
    expect(queue.receives.map((r) => r.maxMessages)).toEqual([10, 10, 5]);
    expect(clock.now()).toBe(0);
  });

  it("stops filling at the payload cap and carries the rest into the next batch", async () => {
    // Prepare: each record is ~1.2 KB with a 1 KB body; cap at ~3 records
    const { queue, collector } = setup({ batchSize: 10, maxPayloadBytes: 4_000 });
    queue.add(Array.from({ length: 5 }, (_, i) => message(`p${i}`, "x".repeat(1_000))));

    // Act
    const first = await collector.collect();
    const second = await collector.collect();

    // Assess
    expect(first?.payloadBytes).toBeLessThanOrEqual(4_000);
    const all = [...(first?.records ?? []), ...(second?.records ?? [])].map((r) => r.messageId);
    expect(first?.records.length).toBeLessThan(5);
    expect(all).toEqual(["p0", "p1", "p2", "p3", "p4"]);
  });
});
