import { describe, expect, it } from "vitest";
import {
  createBatchProcessor,
  encodeJob,
  type ResultEnvelope,
  type ResultPublisher,
} from "../src/index.js";
import { sqsEvent, sqsRecord } from "./support/sqs-event.js";

/** A publisher that keeps what it got and can be told to fail some ids. */
class FakePublisher implements ResultPublisher {
  readonly published: ResultEnvelope[] = [];
  failIds = new Set<string>();
  async publish(
    results: ReadonlyArray<{ id: string; body: string }>,
  ): Promise<ReadonlySet<string>> {
    for (const r of results)
      if (!this.failIds.has(r.id)) this.published.push(JSON.parse(r.body) as ResultEnvelope);
    return new Set(results.filter((r) => this.failIds.has(r.id)).map((r) => r.id));
  }
}

function setup() {
  const publisher = new FakePublisher();
  const logs: Record<string, unknown>[] = [];
  let t = 1_000;
  const process = createBatchProcessor({
    publisher,
    environmentId: "env-a",
    now: () => t++,
    log: (l) => logs.push(l),
    sleep: async () => {},
  });
  return { publisher, logs, process };
}

const job = (jobId: string, extra: object = {}) =>
  encodeJob({
    v: 1,
    jobId,
    submittedAt: 500,
    request: { dataset: { kind: "synthetic", size: 50, seed: 3 }, analyses: ["descriptive"] },
    ...extra,
  });

describe("the SQS batch processor", () => {
  it("processes every good record and reports only the failures", async () => {
    const { publisher, process } = setup();
    const good1 = sqsRecord(job("j1"));
    const bad = sqsRecord("{not json");
    const good2 = sqsRecord(job("j2"));
    const res = await process(sqsEvent(good1, bad, good2));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect(publisher.published.map((r) => r.jobId)).toEqual(["j1", "j2"]);
  });

  it("treats schema-invalid jobs as poison and logs them so", async () => {
    const { logs, process } = setup();
    const invalid = sqsRecord(
      JSON.stringify({ v: 1, jobId: "x", submittedAt: 1, request: { dataset: 5 } }),
    );
    const res = await process(sqsEvent(invalid));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: invalid.messageId }]);
    expect(logs[0]).toMatchObject({ code: "QS_INVALID_REQUEST", poison: true });
  });

  it("runs the job envelope a user's front door sends, and makes a bad payload poison", async () => {
    // Prepare: `{ jobId, enqueuedAt, payload }` (README, "The job envelope"), no version field.
    const { publisher, logs, process } = setup();
    const request = {
      dataset: { kind: "synthetic", size: 50, seed: 3 },
      analyses: ["descriptive"],
    };
    const good = sqsRecord(JSON.stringify({ jobId: "door-1", enqueuedAt: 700, payload: request }));
    const bad = sqsRecord(JSON.stringify({ jobId: "door-2", enqueuedAt: 700, payload: { x: 1 } }));
    const noTime = sqsRecord(JSON.stringify({ jobId: "door-3", payload: request }));

    // Act
    const res = await process(sqsEvent(good, bad, noTime));

    // Assess
    expect(res.batchItemFailures).toEqual([
      { itemIdentifier: bad.messageId },
      { itemIdentifier: noTime.messageId },
    ]);
    expect(publisher.published).toEqual([
      expect.objectContaining({
        jobId: "door-1",
        status: "succeeded",
        timings: expect.objectContaining({ submittedAt: 700 }),
      }),
    ]);
    expect(logs.map((l) => l.code)).toEqual(["QS_INVALID_REQUEST", "QS_INVALID_REQUEST"]);
    expect(JSON.stringify(logs[1])).toContain("enqueuedAt missing");
  });

  it("fails injected transient faults until the receive count is reached", async () => {
    const { publisher, process, logs } = setup();
    const body = job("j3", { fault: { kind: "transient", untilReceiveCount: 3 } });
    const first = await process(sqsEvent(sqsRecord(body, { ApproximateReceiveCount: "1" })));
    expect(first.batchItemFailures).toHaveLength(1);
    expect(logs[0]).toMatchObject({ code: "QS_TRANSIENT_FAILURE", poison: false });
    const third = await process(sqsEvent(sqsRecord(body, { ApproximateReceiveCount: "3" })));
    expect(third.batchItemFailures).toEqual([]);
    expect(publisher.published[0]).toMatchObject({ jobId: "j3", receiveCount: 3 });
  });

  it("carries the analysis's CPU time when the environment measures it, and none when it does not", async () => {
    // Prepare: a CPU clock that advances 7 ms across each analysis (read before and after it)
    const publisher = new FakePublisher();
    let cpu = 100;
    let reads = 0;
    let t = 1_000;
    const measured = createBatchProcessor({
      publisher,
      environmentId: "env-cpu",
      now: () => t++,
      cpuMs: () => {
        reads++;
        cpu += reads % 2 === 0 ? 7 : 0;
        return cpu;
      },
      log: () => {},
      sleep: async () => {},
    });

    // Act
    await measured(sqsEvent(sqsRecord(job("c1")), sqsRecord(job("c2"))));
    const { publisher: plain, process } = setup();
    await process(sqsEvent(sqsRecord(job("c3"))));

    // Assess
    expect(publisher.published.map((r) => r.timings.handlerCpuMs)).toEqual([7, 7]);
    // Both results say when their batch went out, after the later record's end.
    const [first, second] = publisher.published;
    expect(first?.timings.batchEndAt).toBe(second?.timings.batchEndAt);
    expect(first?.timings.batchEndAt).toBeGreaterThan(second?.timings.handlerEndAt ?? Infinity);
    expect(plain.published[0]?.timings).not.toHaveProperty("handlerCpuMs");
  });

  it("marks only the first invocation of an environment as cold and carries the timings", async () => {
    const { publisher, process } = setup();
    await process(sqsEvent(sqsRecord(job("a"))));
    await process(sqsEvent(sqsRecord(job("b"))));
    expect(publisher.published.map((r) => r.coldStart)).toEqual([true, false]);
    const r = publisher.published[0] as ResultEnvelope;
    expect(r.environmentId).toBe("env-a");
    expect(r.timings.submittedAt).toBe(500);
    expect(r.timings.handlerEndAt).toBeGreaterThan(r.timings.handlerStartAt);
    expect(r.status === "succeeded" && r.analysis).toMatchObject({
      schemaVersion: 1,
      datasetSize: 50,
    });
  });

  it("numbers an environment's analyses across its invocations, in the order they started, and its invocations", async () => {
    const { publisher, process } = setup();
    await process(sqsEvent(sqsRecord(job("o1")), sqsRecord(job("o2"))));
    await process(sqsEvent(sqsRecord(job("o3"))));
    const { publisher: other, process: fresh } = setup();
    await fresh(sqsEvent(sqsRecord(job("o4"))));
    expect(publisher.published.map((r) => [r.jobId, r.analysisOrdinal])).toEqual([
      ["o1", 1],
      ["o2", 2],
      ["o3", 3],
    ]);
    expect(other.published.map((r) => r.analysisOrdinal)).toEqual([1]);
    // ... and its invocations: both records of the first share its ordinal
    expect(publisher.published.map((r) => r.invocationOrdinal)).toEqual([1, 1, 2]);
    expect(other.published.map((r) => r.invocationOrdinal)).toEqual([1]);
  });

  it("is idempotent by job id: a redelivered job is not published twice by the same environment", async () => {
    const { publisher, process } = setup();
    const body = job("dup");
    await process(sqsEvent(sqsRecord(body)));
    const again = await process(sqsEvent(sqsRecord(body, { ApproximateReceiveCount: "2" })));
    expect(again.batchItemFailures).toEqual([]);
    expect(publisher.published.filter((r) => r.jobId === "dup")).toHaveLength(1);
  });

  it("fails records whose result could not be published, so they are retried", async () => {
    const { publisher, process } = setup();
    const rec = sqsRecord(job("p1"));
    publisher.failIds.add(rec.messageId);
    const res = await process(sqsEvent(rec));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: rec.messageId }]);
    publisher.failIds.clear();
    const retry = await process(sqsEvent(sqsRecord(job("p1"), { ApproximateReceiveCount: "2" })));
    expect(retry.batchItemFailures).toEqual([]);
    expect(publisher.published.map((r) => r.jobId)).toEqual(["p1"]);
  });
});
