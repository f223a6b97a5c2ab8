// The scenario's provisioned mode and account concurrency reach the real stack (ElasticMQ, enqueue
// API, mapping, environments): 2 minimum pollers run 20 concurrent invokes from the start
// (aws-facts 0.3), an account limit of 2 throttles the rest (0.5), and no job is lost.
import { describe, expect, it } from "vitest";
import { asyncStackForFile, eventually, inParallel, jobRequest, postJson } from "./support.js";

const file = asyncStackForFile({
  provisionedPollerConfig: { minimumPollers: 2, maximumPollers: 2 },
  accountConcurrency: 2,
  batchSize: 1,
  memorySizeMB: 512,
});
const { results, samples } = file;

describe("the async stack in provisioned mode", () => {
  it("runs the pollers' concurrency, throttles above the account limit, and delivers every job once", async () => {
    // Act
    const accepted = await inParallel(40, 8, (i) => postJson(file.stack.enqueueUrl, jobRequest(i)));
    const ids = accepted.map((r) => String(r.body.jobId));
    const done = await eventually(async () => ids.every((id) => results.has(id)), 60_000, 250);

    // Assess
    expect(done).toBe(true);
    const targets = samples.flatMap((s) => (s.type === "scaling" ? [s.concurrencyTarget] : []));
    expect(Math.max(...targets)).toBe(20); // 2 pollers x 10 invokes, capped at 2 x 10
    const { pool } = file.stack.counters();
    expect(pool.environmentsStarted).toBeLessThanOrEqual(2);
    expect(pool.throttles).toBeGreaterThan(0);
    expect(samples.some((s) => s.type === "throttle")).toBe(true);
    expect(ids.map((id) => results.get(id)?.result.status)).toEqual(ids.map(() => "succeeded"));
    expect(file.stack.counters().collector.duplicates).toBe(0);
    expect((await file.stack.queueDepth()).dlq).toBe(0);
  });
});
