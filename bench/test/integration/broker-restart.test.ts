// The async stack when its broker is SIGKILLed mid-run: the supervisor restarts ElasticMQ on the
// same port with its H2 file, and every job the enqueue API accepted (202) still gets its result.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import {
  type CollectedResult,
  type StartedAsyncStack,
  startAsyncStack,
} from "../../src/stack/index.js";
import { eventually, inParallel, jobRequest, postJson } from "./support.js";

const results = new Map<string, CollectedResult>();
const logLines: string[] = [];
let stack: StartedAsyncStack;

beforeAll(async () => {
  stack = await startAsyncStack({
    ...SCENARIO_DEFAULTS.async,
    brokerKind: "jvm",
    visibilityTimeoutSeconds: 4, // short, so work cut off by the kill is redelivered soon
    functionTimeoutSeconds: 2,
    maxConcurrency: 2,
    memorySizeMB: 512,
    log: (l) => logLines.push(l),
    onResult: (r) => results.set(r.jobId, r),
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe("a broker SIGKILLed mid-run", () => {
  it("is restarted and loses no accepted job", async () => {
    // Prepare
    const accepted = await inParallel(40, 8, (i) => postJson(stack.enqueueUrl, jobRequest(i)));
    const ids = accepted.filter((r) => r.status === 202).map((r) => String(r.body.jobId));
    const pid = stack.broker.pid;

    // Act
    const doneBeforeKill = results.size;
    if (pid !== undefined) process.kill(pid, "SIGKILL");
    const restarted = await eventually(() => stack.broker.restarts === 1, 60_000, 100);
    const allDone = await eventually(() => ids.every((id) => results.has(id)), 90_000, 250);

    // Assess
    expect(pid).toBeDefined();
    expect(ids).toHaveLength(40);
    expect(doneBeforeKill).toBeLessThan(40); // the kill came mid-run, with jobs still queued
    expect(restarted).toBe(true);
    expect(stack.broker.pid).not.toBe(pid);
    expect(logLines.some((l) => l.includes("broker: ElasticMQ restarted"))).toBe(true);
    expect(ids.filter((id) => !results.has(id))).toEqual([]);
    expect(allDone).toBe(true);
  });
});
