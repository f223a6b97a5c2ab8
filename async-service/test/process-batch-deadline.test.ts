// The handler and the function timeout: records that wait (a hanging dependency) or that the time
// left cannot fit are reported as failures before the deadline, and their neighbours succeed.
// Real timers (a hang is a real wait), a real clock, and the real core; only the publisher is a fake.
import { describe, expect, it } from "vitest";
import {
  createBatchProcessor,
  encodeJob,
  type InvocationTime,
  type ResultEnvelope,
  type ResultPublisher,
} from "../src/index.js";
import { sqsEvent, sqsRecord } from "./support/sqs-event.js";

class KeepingPublisher implements ResultPublisher {
  readonly published: ResultEnvelope[] = [];
  async publish(results: ReadonlyArray<{ id: string; body: string }>) {
    for (const r of results) this.published.push(JSON.parse(r.body) as ResultEnvelope);
    return new Set<string>();
  }
}

const now = () => performance.timeOrigin + performance.now();

function setup(maxResultBytes?: number) {
  const publisher = new KeepingPublisher();
  const logs: Record<string, unknown>[] = [];
  const process = createBatchProcessor({
    publisher,
    environmentId: "env-d",
    now,
    log: (l) => logs.push(l),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ...(maxResultBytes !== undefined ? { maxResultBytes } : {}),
  });
  return { publisher, logs, process };
}

/** A context whose deadline is `ms` from now, as Lambda's counts down. */
function timeLeft(ms: number): InvocationTime {
  const at = now() + ms;
  return { getRemainingTimeInMillis: () => Math.max(0, at - now()) };
}

const job = (jobId: string, size = 200, extra: object = {}) =>
  encodeJob({
    v: 1,
    jobId,
    submittedAt: now(),
    request: { dataset: { kind: "synthetic", size, seed: 7 } },
    ...extra,
  });

describe("the batch processor under a deadline", () => {
  it("returns before the deadline with only the hanging record failed; its neighbours succeed", async () => {
    const { publisher, logs, process } = setup();
    const hanging = sqsRecord(job("hang", 200, { fault: { kind: "sleep", ms: 60_000 } }));
    const before = [1, 2, 3].map((i) => sqsRecord(job(`before-${i}`)));
    const after = [4, 5, 6, 7, 8, 9].map((i) => sqsRecord(job(`after-${i}`)));
    const started = performance.now();
    const res = await process(sqsEvent(...before, hanging, ...after), timeLeft(1_500));
    const tookMs = performance.now() - started;

    expect(res.batchItemFailures).toEqual([{ itemIdentifier: hanging.messageId }]);
    expect(publisher.published.map((r) => r.jobId).sort()).toEqual(
      [...before, ...after].map((_, i) => (i < 3 ? `before-${i + 1}` : `after-${i + 1}`)).sort(),
    );
    // It gave up at the deadline less its reserve (10 %, at least 100 ms), not at the timeout.
    expect(tookMs).toBeLessThan(1_500);
    expect(tookMs).toBeGreaterThan(1_000);
    expect(logs).toContainEqual(
      expect.objectContaining({
        messageId: hanging.messageId,
        code: "QS_DEADLINE_EXCEEDED",
        poison: false,
      }),
    );
  });

  it("does not start an analysis the time left cannot fit, and reports it for retry", async () => {
    const { publisher, logs, process } = setup();
    // Learn how long a large analysis takes here: the first (cold, the JIT still at work) is
    // the longest, which the processor keeps as its bar; the second is what later ones take.
    await process(sqsEvent(sqsRecord(job("cold", 20_000))), timeLeft(60_000));
    await process(sqsEvent(sqsRecord(job("warm", 20_000))), timeLeft(60_000));
    const records = [1, 2, 3, 4, 5].map((i) => sqsRecord(job(`big-${i}`, 20_000)));
    const took = publisher.published.map((r) => {
      if (r.status !== "succeeded") throw new Error("a warm-up analysis did not succeed");
      return r.timings.handlerEndAt - r.timings.handlerStartAt;
    });
    const [coldMs = 0, warmMs = 0] = took;
    // Room for the bar plus about one and a half warm analyses, plus the reserve (at least 100
    // ms, deadline.ts): about two start, whatever the ratio of cold to warm.
    const budget = Math.max(coldMs, warmMs) + 1.5 * warmMs;
    const res = await process(sqsEvent(...records), timeLeft(budget + Math.max(100, budget / 9)));

    const done = publisher.published.length - 2;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(5);
    expect(res.batchItemFailures).toHaveLength(5 - done);
    // The failures are the records at the end, which never started.
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      records.slice(done).map((r) => r.messageId),
    );
    expect(logs.filter((l) => l.code === "QS_DEADLINE_EXCEEDED")).toHaveLength(5 - done);
  });

  it("runs every record to its end without a context (no deadline)", async () => {
    const { publisher, process } = setup();
    const slow = sqsRecord(job("slow", 200, { fault: { kind: "sleep", ms: 300 } }));
    const res = await process(sqsEvent(sqsRecord(job("a")), slow, sqsRecord(job("b"))));
    expect(res.batchItemFailures).toEqual([]);
    // Published in record order, though "b" finished first.
    expect(publisher.published.map((r) => r.jobId)).toEqual(["a", "slow", "b"]);
    const slowResult = publisher.published[1];
    // A waiting record's handler time includes its own wait.
    expect(
      slowResult && slowResult.timings.handlerEndAt - slowResult.timings.handlerStartAt,
    ).toBeGreaterThanOrEqual(290);
  });
});

describe("results over the results queue's maximum message size", () => {
  it("publishes a failed result with QS_RESULT_TOO_LARGE and deletes the record", async () => {
    const { publisher, process } = setup(2_048);
    const rec = sqsRecord(job("huge", 5_000));
    const res = await process(sqsEvent(rec, sqsRecord(job("fits", 50, {}))));
    expect(res.batchItemFailures).toEqual([]);
    const huge = publisher.published.find((r) => r.jobId === "huge");
    expect(huge).toMatchObject({
      status: "failed",
      error: { code: "QS_RESULT_TOO_LARGE" },
      environmentId: "env-d",
    });
    expect(huge && "analysis" in huge).toBe(false);
    expect(huge?.status === "failed" && huge.error.message).toMatch(
      /over the results queue's maximum message size of 2048 bytes/,
    );
  });
});
