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
  readonly concurrencyLimit = 1_000;
  readonly batches: string[][] = [];
  readonly events: SQSEvent[] = [];
  constructor(private readonly mode: "poison" | "throw") {}

  async invoke(event: SQSEvent): Promise<InvocationResult> {
    this.batches.push(event.Records.map((r) => r.messageId));
    this.events.push(event);
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

const mappings: EventSourceMapping[] = [];

function setup(
  mode: "poison" | "throw",
  options: EventSourceMappingOptions,
  visibilityTimeoutSeconds = 30,
) {
  const clock = new FakeClock();
  const queue = new FakeQueue(clock, visibilityTimeoutSeconds);
  const invoker = new FakeInvoker(mode);
  const samples: PlatformSample[] = [];
  const warnings: string[] = [];
  const mapping = new EventSourceMapping({
    queue,
    invoker,
    options,
    clock,
    log: { warn: (m) => warnings.push(m) },
    onSample: (s) => samples.push(s),
  });
  mappings.push(mapping);
  return { clock, queue, invoker, mapping, samples, warnings };
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
    const { queue, mapping } = setup("throw", {});
    queue.add(Array.from({ length: 10 }, (_, i) => message(`f${i}`)));

    // Act
    await mapping.start();
    await waitFor(() => mapping.counters().records >= 10, 5_000, "10 records to be processed");
    const target = mapping.concurrencyTarget;
    await mapping.stop();

    // Assess
    expect(queue.deleted).toEqual([]);
    expect(mapping.counters().functionErrors).toBeGreaterThan(0);
    expect(target).toBeLessThan(5);
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
