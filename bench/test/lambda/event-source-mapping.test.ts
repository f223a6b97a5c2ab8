import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import {
  EventSourceMapping,
  type EventSourceMappingOptions,
  type FunctionInvoker,
  type InvocationResult,
  LambdaPlatformError,
  type PlatformSample,
} from "../../src/lambda/index.js";
import { FakeClock, FakeQueue, message } from "./fakes.js";
import { waitFor } from "./helpers.js";

const report = {
  requestId: "r",
  environmentId: "e",
  durationMs: 2,
  billedDurationMs: 2,
  memorySizeMB: 128,
  maxMemoryUsedMB: 40,
};

/** A fake function: fails the ids whose body says "poison", or throws for every batch. */
class FakeInvoker implements FunctionInvoker {
  readonly timeoutSeconds = 3;
  readonly batches: string[][] = [];
  readonly events: SQSEvent[] = [];
  constructor(private readonly mode: "poison" | "throw" | "throttle") {}

  async invoke(event: SQSEvent): Promise<InvocationResult> {
    this.batches.push(event.Records.map((r) => r.messageId));
    this.events.push(event);
    if (this.mode === "throttle") {
      const error = new LambdaPlatformError("QS_LAMBDA_THROTTLED", "Rate Exceeded");
      return { ok: false, error };
    }
    if (this.mode === "throw") {
      return {
        ok: false,
        error: new LambdaPlatformError("QS_LAMBDA_FUNCTION_ERROR", "Error: boom"),
        report,
      };
    }
    const failed = event.Records.filter((r) => r.body.includes("poison"));
    return {
      ok: true,
      response: { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) },
      report,
    };
  }

  stats() {
    return { busy: 0, idle: 1, starting: 0 };
  }
}

/** A function under an account concurrency: each run takes 100 ms of fake time; above `limit` at once it throttles. */
class AccountLimitedInvoker implements FunctionInvoker {
  readonly timeoutSeconds = 3;
  readonly served: string[] = [];
  #inFlight = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly limit: number,
  ) {}

  async invoke(event: SQSEvent): Promise<InvocationResult> {
    if (this.#inFlight >= this.limit) {
      return { ok: false, error: new LambdaPlatformError("QS_LAMBDA_THROTTLED", "Rate Exceeded") };
    }
    this.#inFlight += 1;
    await this.clock.sleepUs(100_000);
    this.#inFlight -= 1;
    this.served.push(...event.Records.map((r) => r.messageId));
    return { ok: true, response: { batchItemFailures: [] }, report };
  }

  stats() {
    return { busy: this.#inFlight, idle: 0, starting: 0 };
  }
}

const mappings: EventSourceMapping[] = [];

function setup(
  mode: "poison" | "throw" | "throttle",
  options: EventSourceMappingOptions,
  visibilityTimeoutSeconds = 30,
) {
  const clock = new FakeClock();
  const queue = new FakeQueue(clock, visibilityTimeoutSeconds);
  const invoker = new FakeInvoker(mode);
  const samples: PlatformSample[] = [];
  const warnings: string[] = [];
  // The target right after each batch was accounted (a back-off shows here before any control tick).
  const targetAfterBatch: number[] = [];
  const mapping: EventSourceMapping = new EventSourceMapping({
    queue,
    invoker,
    options,
    clock,
    log: { warn: (m) => warnings.push(m) },
    onSample: (s) => {
      samples.push(s);
      if (s.type === "batch") targetAfterBatch.push(mapping.concurrencyTarget);
    },
  });
  mappings.push(mapping);
  return { clock, queue, invoker, mapping, samples, warnings, targetAfterBatch };
}

afterEach(async () => {
  await Promise.all(mappings.splice(0).map((m) => m.stop()));
});

describe("EventSourceMapping (fake queue, fake function)", () => {
  it("deletes exactly the records the function did not report as failed", async () => {
    // Prepare
    const { queue, mapping, samples } = setup("poison", { reportBatchItemFailures: true });
    const bodies = Array.from({ length: 30 }, (_, i) =>
      message(`m${i}`, i % 6 === 0 ? "poison" : "ok"),
    );
    queue.add(bodies);

    // Act
    await mapping.start();
    await waitFor(() => mapping.counters().records >= 30, 5_000, "30 records to be processed");
    await mapping.stop();

    // Assess
    const expected = bodies.filter((m) => m.body !== "poison").map((m) => m.messageId);
    expect([...queue.deleted].sort()).toEqual([...expected].sort());
    expect(mapping.counters()).toMatchObject({
      records: 30,
      deleted: 25,
      retried: 5,
      functionErrors: 0,
    });
    const batchSamples = samples.filter((s) => s.type === "batch");
    expect(batchSamples.reduce((n, s) => n + s.size, 0)).toBe(30);
    expect(batchSamples.every((s) => s.size <= 10)).toBe(true);
    expect(samples.some((s) => s.type === "scaling")).toBe(true);
  });

  it("deletes nothing when the function fails, and backs off its concurrency", async () => {
    // Prepare
    const { queue, mapping, targetAfterBatch } = setup("throw", {});
    queue.add(Array.from({ length: 10 }, (_, i) => message(`f${i}`)));

    // Act
    await mapping.start();
    await waitFor(() => mapping.counters().records >= 10, 5_000, "10 records to be processed");
    await mapping.stop();

    // Assess
    expect(queue.deleted).toEqual([]);
    expect(mapping.counters().functionErrors).toBeGreaterThan(0);
    expect(targetAfterBatch[0]).toBeLessThan(5);
  });

  it("retries a throttled batch with back-off until the visibility timeout, counts every throttle, and halves its concurrency", async () => {
    // Prepare
    // A 0 s wait: idle pollers' empty receives then cost no virtual time, so the retries' sleeps
    // set the clock (the fake queue jumps the whole wait on an empty long poll).
    const { queue, invoker, mapping, samples, targetAfterBatch } = setup(
      "throttle",
      { waitTimeSeconds: 0 },
      6,
    );
    queue.add([message("t0")]);

    // Act
    await mapping.start();
    await waitFor(() => mapping.counters().batches >= 1, 5_000, "the throttled batch to give up");
    await mapping.stop();

    // Assess
    const attempts = invoker.batches.filter((ids) => ids.includes("t0")).length;
    const retries = samples.filter((s) => s.type === "throttle").length;
    const batch = samples.find((s) => s.type === "batch");
    expect(queue.deleted).toEqual([]);
    // Tries at 0, 0.1, 0.3, 0.7, 1.5 and 3.1 s; the next (3.2 s later) would pass the 6 s visibility timeout.
    expect(attempts).toBe(6);
    expect(retries).toBe(5);
    expect(batch?.atUs).toBe(3_100_000);
    expect(batch).toMatchObject({ outcome: "throttled", retried: 1, deleted: 0 });
    expect(mapping.counters()).toMatchObject({ throttles: 1, functionErrors: 0 });
    expect(targetAfterBatch).toEqual([2]); // 5 halved
  });

  it("runs 10 concurrent batches per provisioned poller from the start (provisioned mode)", async () => {
    // Prepare
    const { queue, mapping, samples } = setup("poison", {
      provisionedPollerConfig: { minimumPollers: 2, maximumPollers: 4 },
    });
    queue.add(Array.from({ length: 10 }, (_, i) => message(`p${i}`)));

    // Act
    await mapping.start();
    await waitFor(() => samples.some((s) => s.type === "scaling"), 5_000, "a control tick");
    await mapping.stop();

    // Assess
    const first = samples.find((s) => s.type === "scaling");
    expect(first).toMatchObject({ concurrencyTarget: 20, pollers: 20 });
    expect(queue.deleted).toHaveLength(10);
  });

  it("outgrowing the account concurrency throttles, lowers its concurrency and still delivers everything", async () => {
    // Prepare: the mapping starts at 5 concurrent batches; the account allows 2 at once.
    const clock = new FakeClock();
    const queue = new FakeQueue(clock);
    const invoker = new AccountLimitedInvoker(clock, 2);
    const samples: PlatformSample[] = [];
    const mapping = new EventSourceMapping({
      queue,
      invoker,
      options: { batchSize: 1, waitTimeSeconds: 0 },
      clock,
      onSample: (s) => samples.push(s),
    });
    mappings.push(mapping);
    queue.add(Array.from({ length: 40 }, (_, i) => message(`a${i}`)));

    // Act
    await mapping.start();
    await waitFor(() => queue.deleted.length >= 40, 5_000, "40 records to be deleted");
    await mapping.stop();

    // Assess
    const throttles = samples.filter((s) => s.type === "throttle").length;
    const targets = samples.flatMap((s) => (s.type === "scaling" ? [s.concurrencyTarget] : []));
    expect(throttles).toBeGreaterThan(0);
    expect(new Set(queue.deleted).size).toBe(40);
    expect(invoker.served).toHaveLength(40);
    expect(mapping.counters()).toMatchObject({ throttles: 0, functionErrors: 0, deleted: 40 });
    expect(Math.min(...targets)).toBe(2); // 5 halved, floored at 2
  });

  it("warns when the queue's visibility timeout is below 6x the function timeout", async () => {
    // Prepare
    const short = setup("poison", {}, 10);
    const long = setup("poison", {}, 18);

    // Act
    await short.mapping.start();
    await long.mapping.start();

    // Assess
    expect(short.warnings).toHaveLength(1);
    expect(short.warnings[0]).toContain("below 6x the function timeout");
    expect(long.warnings).toEqual([]);
  });

  it("records the event source ARN and region on every record", async () => {
    // Prepare
    const { queue, invoker, mapping } = setup("poison", { region: "eu-west-1" });
    queue.add([message("a1")]);

    // Act
    await mapping.start();
    await waitFor(() => invoker.batches.length >= 1, 5_000, "one batch");
    await mapping.stop();

    // Assess
    expect(invoker.events[0]?.Records).toHaveLength(1);
    expect(invoker.events[0]?.Records[0]).toMatchObject({
      messageId: "a1",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:eu-west-1:000000000000:jobs",
      awsRegion: "eu-west-1",
    });
  });
});
