// A 900 KiB job end to end through the real stack (aws-facts 0.6: SQS messages and the SQS event
// source mapping take up to 1 MiB): the enqueue API, ElasticMQ with strict (1 MiB) limits, the
// event source mapping, an environment running the real handler bundle, and the results queue.
import { describe, expect, it } from "vitest";
import { startSyncStack } from "../../src/stack/index.js";
import { asyncStackForFile, eventually, postJson, queueEmptied } from "./support.js";

const ONE_MIB = 1_048_576;
const JOB_BYTES = 900 * 1024;

/** Inline customers (few channels and campaigns, so the analysis stays small) filling ~900 KiB. */
function request900KiB(): { dataset: { kind: "inline"; customers: object[] } } {
  const customers: object[] = [];
  let bytes = 0;
  for (let i = 0; bytes < JOB_BYTES; i += 1) {
    const c = {
      id: `customer-${String(i).padStart(8, "0")}`,
      recencyDays: i % 365,
      frequency: 1 + (i % 20),
      monetary: 10 + (i % 500),
      channel: `channel-${i % 4}`,
      campaign: `campaign-${i % 6}`,
      converted: i % 7 === 0,
    };
    customers.push(c);
    bytes += JSON.stringify(c).length + 1;
  }
  return { dataset: { kind: "inline", customers } };
}

const file = asyncStackForFile({
  maxMessageBytes: ONE_MIB, // what SQS allows since Aug 2025
  maxConcurrency: 2,
  memorySizeMB: 512,
});
const { results, samples } = file;

describe("a 900 KiB job", () => {
  it("goes through the enqueue API, a 1 MiB queue, the mapping and the handler, and its result equals the sync service's", async () => {
    // Prepare
    const request = request900KiB();
    const body = JSON.stringify(request);
    const sync = await startSyncStack({ workers: 1 });
    let syncBody: string;
    try {
      const res = await fetch(sync.analyzeUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      syncBody = await res.text();
    } finally {
      await sync.stop();
    }

    // Act
    const accepted = await postJson(file.stack.enqueueUrl, request);
    const jobId = String(accepted.body.jobId);
    const arrived = await eventually(() => results.has(jobId), 30_000, 100);
    // The handler publishes the result before its invocation returns to the mapping, which then
    // records the batch: wait for that sample too rather than race it.
    await eventually(() => samples.some((s) => s.type === "batch"), 10_000, 50);

    // Assess
    expect(body.length).toBeGreaterThanOrEqual(JOB_BYTES);
    expect(body.length).toBeLessThan(ONE_MIB);
    expect(accepted.status).toBe(202);
    expect(arrived).toBe(true);
    const got = results.get(jobId)?.result;
    expect(got?.status).toBe("succeeded");
    expect(JSON.stringify(got?.analysis)).toBe(syncBody);
    const batches = samples.filter((s) => s.type === "batch");
    expect(batches.map((b) => b.outcome)).toEqual(["success"]);
    expect(batches[0]?.payloadBytes).toBeGreaterThanOrEqual(JOB_BYTES);
    expect(await queueEmptied(file.stack)).toBe(true);
    expect((await file.stack.queueDepth()).dlq).toBe(0);
  }, 90_000);
});
