// The event source mapping against a queue that fails: each poller backs off (1 s, doubling to
// 10 s), every failure is counted, the streak is reported once and at the cap, and polling resumes
// when the queue answers again (a broker restart). Fake clock, fake queue: pure timing logic.
import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import {
  EventSourceMapping,
  type FunctionInvoker,
  type InvocationResult,
  type QueueMessage,
  type ReceiveRequest,
} from "../../src/lambda/index.js";
import { FakeClock, FakeQueue, message } from "./fakes.js";
import { waitFor } from "./helpers.js";

/** A queue whose first `failures` receives throw, as a dead broker's would. */
class FailingQueue extends FakeQueue {
  readonly attemptsAtMs: number[] = [];
  constructor(
    private readonly clock: FakeClock,
    private failures: number,
  ) {
    super(clock);
  }
  override async receive(request: ReceiveRequest): Promise<readonly QueueMessage[]> {
    this.attemptsAtMs.push(this.clock.now());
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("connect ECONNREFUSED 127.0.0.1:9324");
    }
    return super.receive(request);
  }
}

const okInvoker: FunctionInvoker = {
  timeoutSeconds: 3,
  async invoke(event: SQSEvent): Promise<InvocationResult> {
    return {
      ok: true,
      response: { batchItemFailures: [] },
      report: {
        requestId: "r",
        environmentId: `e-${event.Records.length}`,
        durationMs: 1,
        billedDurationMs: 1,
        memorySizeMB: 128,
        maxMemoryUsedMB: 40,
      },
    };
  },
  stats: () => ({ busy: 0, idle: 1, starting: 0 }),
};

const mappings: EventSourceMapping[] = [];
afterEach(async () => {
  await Promise.all(mappings.splice(0).map((m) => m.stop()));
});

describe("receive errors", () => {
  it("back off 1, 2, 4, 8, 10 s per poller, are counted and reported, and polling resumes", async () => {
    const clock = new FakeClock();
    // Two pollers (MaximumConcurrency 2), five failures each before the queue answers.
    const queue = new FailingQueue(clock, 10);
    const warnings: string[] = [];
    const mapping = new EventSourceMapping({
      queue,
      invoker: okInvoker,
      options: { scaling: { maximumConcurrency: 2 } },
      clock,
      log: { warn: (m) => warnings.push(m) },
    });
    mappings.push(mapping);
    queue.add([message("a"), message("b")], 30_000);

    await mapping.start();
    await waitFor(() => mapping.counters().records >= 2, 5_000, "the records after recovery");
    await mapping.stop();

    expect(mapping.counters().receiveErrors).toBe(10);
    // The first receive that succeeded came after 1 + 2 + 4 + 8 + 10 = 25 s of pauses.
    const firstOk = queue.attemptsAtMs[10] ?? Number.NaN;
    expect(firstOk).toBeGreaterThanOrEqual(25_000);
    expect(firstOk).toBeLessThan(26_000);
    expect(
      warnings.filter((w) => w.includes("(1 in a row; pausing this poller 1 s)")),
    ).toHaveLength(2);
    expect(warnings.filter((w) => w.includes("pausing this poller 10 s"))).toHaveLength(2);
    expect(warnings.filter((w) => w.includes("pausing this poller 2 s"))).toHaveLength(0);
    expect(warnings.filter((w) => w === "Receives recovered after 5 failures")).toHaveLength(2);
  });
});
