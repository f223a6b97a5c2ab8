// The handler's deadline and result-size rules through the whole local async stack (real ElasticMQ,
// the real handler bundle in real execution environments): valid jobs that share batches with a
// hanging job all succeed once, only the hanging job reaches the DLQ; a result over the results
// queue's maximum message size arrives as a failed result, never as a redelivery loop.
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import {
  type CollectedResult,
  type StartedAsyncStack,
  startAsyncStack,
} from "../../src/stack/index.js";
import { eventually, postJson, queueEmptied, wideResultRequest } from "./support.js";

const results = new Map<string, CollectedResult>();
let stack: StartedAsyncStack;

beforeAll(async () => {
  stack = await startAsyncStack({
    ...SCENARIO_DEFAULTS.async,
    functionTimeoutSeconds: 2,
    visibilityTimeoutSeconds: 3, // > the timeout, so a batch is not redelivered while it runs
    maxReceiveCount: 3,
    maxConcurrency: 2,
    batchSize: 10,
    memorySizeMB: 1769,
    // Below SQS's 1 MiB, so a result of a few hundred KB is over it (the rule under test).
    resultsMaxMessageBytes: 262_144,
    onResult: (r) => results.set(r.jobId, r),
  });
});

afterAll(async () => {
  await stack?.stop();
});

const envelope = (jobId: string, fault?: object) =>
  JSON.stringify({
    v: 1,
    jobId,
    submittedAt: Date.now(),
    request: { dataset: { kind: "synthetic", size: 200, seed: jobId.length } },
    ...(fault ? { fault } : {}),
  });

describe("the handler under faults, through the local platform", () => {
  it("lets every valid job sharing batches with a hanging job succeed once; only the hanging one is dead-lettered", async () => {
    const valid = Array.from({ length: 12 }, (_, i) => `valid-${i}`);
    // Hanging jobs first and in the middle, so they sit in batches with valid ones.
    await stack.sendRaw(envelope("hang-a", { kind: "sleep", ms: 600_000 }));
    for (const id of valid.slice(0, 6)) await stack.sendRaw(envelope(id));
    await stack.sendRaw(envelope("hang-b", { kind: "sleep", ms: 600_000 }));
    for (const id of valid.slice(6)) await stack.sendRaw(envelope(id));

    const done = await eventually(
      async () => valid.every((id) => results.has(id)) && (await stack.queueDepth()).dlq === 2,
      40_000,
      250,
    );
    expect(done).toBe(true);
    expect(valid.map((id) => results.get(id)?.result.status)).toEqual(valid.map(() => "succeeded"));
    // None of them was redelivered because of its neighbour.
    expect(valid.map((id) => results.get(id)?.result.receiveCount)).toEqual(valid.map(() => 1));
    expect(await queueEmptied(stack)).toBe(true);
    expect(await stack.queueDepth()).toMatchObject({ visible: 0, inFlight: 0, dlq: 2 });

    const dlq = await stack.broker.sqsClient().send(
      new ReceiveMessageCommand({
        QueueUrl: stack.queueUrls.dlq,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    const ids = (dlq.Messages ?? []).map(
      (m) => (JSON.parse(m.Body ?? "{}") as { jobId: string }).jobId,
    );
    expect(ids.sort()).toEqual(["hang-a", "hang-b"]);
  }, 60_000);

  it("publishes a result over the results queue's limit as a failed result QS_RESULT_TOO_LARGE", async () => {
    // 1,000 customers with a channel and a campaign each: a 118 KB job whose analysis is ~340 KB,
    // over this stack's 256 KiB results limit.
    const accepted = await postJson(stack.enqueueUrl, wideResultRequest());
    expect(accepted.status).toBe(202);
    const jobId = String(accepted.body.jobId);

    expect(await eventually(() => results.has(jobId), 20_000)).toBe(true);
    const got = results.get(jobId)?.result;
    expect(got?.status).toBe("failed");
    expect(got?.error?.code).toBe("QS_RESULT_TOO_LARGE");
    expect(got?.receiveCount).toBe(1);
    // The job was deleted, not left to loop: nothing visible, in flight or dead-lettered for it.
    expect(await eventually(async () => (await stack.queueDepth()).inFlight === 0, 10_000)).toBe(
      true,
    );
    expect(await stack.queueDepth()).toMatchObject({ visible: 0, dlq: 2 });
  }, 40_000);
});
