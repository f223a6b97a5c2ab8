// The whole local async stack (ElasticMQ, enqueue API, event source mapping, environments running
// the real handler bundle): poison records end in the DLQ, and async results equal sync bodies.
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import {
  type CollectedResult,
  type StartedAsyncStack,
  type StartedSyncStack,
  startAsyncStack,
  startSyncStack,
} from "../../src/stack/index.js";
import {
  eventually,
  inParallel,
  jobRequest,
  postJson,
  queueEmptied,
  wideResultRequest,
} from "./support.js";

const results = new Map<string, CollectedResult>();
let stack: StartedAsyncStack;

beforeAll(async () => {
  stack = await startAsyncStack({
    ...SCENARIO_DEFAULTS.async,
    brokerKind: "auto",
    visibilityTimeoutSeconds: 2, // short, so poison records exhaust their receives quickly
    maxReceiveCount: 3,
    functionTimeoutSeconds: 2,
    maxConcurrency: 2,
    memorySizeMB: 512,
    onResult: (r) => results.set(r.jobId, r),
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe("the local async stack", () => {
  it("deletes good records of mixed batches at once and moves exactly the poison ones to the DLQ", async () => {
    const poison = Array.from(
      { length: 5 },
      (_, i) => `{"v":1,"jobId":"poison-${i}","submittedAt":1,"request":{"dataset":{}}}`,
    );
    const good = await inParallel(45, 8, (i) => postJson(stack.enqueueUrl, jobRequest(i)));
    for (const p of poison) await stack.sendRaw(p);
    const ids = good.map((r) => String(r.body.jobId));

    const done = await eventually(
      async () => ids.every((id) => results.has(id)) && (await stack.queueDepth()).dlq === 5,
      45_000,
      250,
    );
    expect(done).toBe(true);

    expect(await queueEmptied(stack)).toBe(true);
    const depth = await stack.queueDepth();
    expect(depth).toMatchObject({ visible: 0, inFlight: 0, dlq: 5 });
    // Good records were deleted on their first success: none was received twice or published twice.
    expect(ids.map((id) => results.get(id)?.result.receiveCount)).toEqual(ids.map(() => 1));
    expect(stack.counters().collector.duplicates).toBe(0);

    const client = stack.broker.sqsClient();
    const dlq = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.queueUrls.dlq,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    expect((dlq.Messages ?? []).map((m) => m.Body).sort()).toEqual([...poison].sort());
  });

  it("delivers a result of a few hundred KB: the results queue allows what SQS allows (1 MiB)", async () => {
    // 1,000 customers with a channel and a campaign each: a 118 KB job, a ~340 KB analysis.
    const accepted = await postJson(stack.enqueueUrl, wideResultRequest());
    expect(accepted.status).toBe(202);
    const jobId = String(accepted.body.jobId);
    expect(await eventually(() => results.has(jobId), 20_000)).toBe(true);
    const got = results.get(jobId)?.result;
    expect(got?.status).toBe("succeeded");
    expect(JSON.stringify(got?.analysis).length).toBeGreaterThan(262_144);
  });

  it("names the DLQ's job ids on every read, though a read hides the messages for a while", async () => {
    const before = (await stack.queueDepth()).dlq;
    for (const id of ["late-poison-1", "late-poison-2"])
      await stack.sendRaw(`{"v":1,"jobId":"${id}","submittedAt":1,"request":{"dataset":{}}}`);
    const dead = async () => (await stack.queueDepth()).dlq === before + 2;
    expect(await eventually(dead, 30_000, 250)).toBe(true);
    // The warm-up's settle and the final drain both read it, seconds apart.
    const first = await stack.dlqJobIds();
    const second = await stack.dlqJobIds();
    for (const ids of [first, second]) {
      expect(ids).toEqual(expect.arrayContaining(["late-poison-1", "late-poison-2"]));
    }
  });

  it("gives the same analysis, byte for byte, as the sync service", async () => {
    const sync: StartedSyncStack = await startSyncStack({ workers: 1 });
    try {
      const request = { dataset: { kind: "synthetic", size: 2_000, seed: 99 }, options: { k: 5 } };
      const syncRes = await fetch(sync.analyzeUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      const syncBody = await syncRes.text();
      const accepted = await postJson(stack.enqueueUrl, request);
      const jobId = String(accepted.body.jobId);
      expect(await eventually(() => results.has(jobId), 20_000)).toBe(true);
      expect(JSON.stringify(results.get(jobId)?.result.analysis)).toBe(syncBody);
    } finally {
      await sync.stop();
    }
  });
});
