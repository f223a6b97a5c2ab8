// The async stack of the container target under a real runtime: ElasticMQ from the local image
// (the container broker path), the enqueue API container, and every execution environment a
// container of the Lambda image (aws-lambda-ric) against its own Runtime API server.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerAsyncOptions } from "../../src/containers/async-containers.js";
import {
  CONTAINER_SESSION,
  SESSION_LABEL,
  stopAllContainers,
  TARGET_LABEL,
} from "../../src/containers/container-kit.js";
import { CONTAINER_IMAGES } from "../../src/containers/images.js";
import { jobEnvelope } from "../../src/faults/async-faults.js";
import type { EnvironmentSample, PlatformSample } from "../../src/lambda/index.js";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import { type CollectedResult, startAsyncStack } from "../../src/stack/index.js";
import { eventually, inParallel, jobRequest, postJson } from "../integration/support.js";
import { containersLabelled, ensureContainers, runtimeCli } from "./runtime.js";

/** Environment containers are removed by the runtime once their client exits (--rm). */
async function expectNoContainerLeft(): Promise<void> {
  const none = await eventually(
    () => containersLabelled(SESSION_LABEL, CONTAINER_SESSION).length === 0,
    30_000,
    500,
  );
  expect(none).toBe(true);
}

describe("the async stack in containers", () => {
  beforeAll(
    () =>
      ensureContainers([
        CONTAINER_IMAGES.elasticmq,
        CONTAINER_IMAGES.enqueueApi,
        CONTAINER_IMAGES.lambda,
      ]),
    600_000,
  );
  afterAll(stopAllContainers);

  it("ends 200 jobs with 10% poison with exactly the poison in the DLQ and nothing lost", async () => {
    const results = new Map<string, CollectedResult>();
    const maxMemoryMB: number[] = [];
    const stack = await startAsyncStack({
      ...SCENARIO_DEFAULTS.async,
      ...containerAsyncOptions(),
      visibilityTimeoutSeconds: 2, // short, so poison records exhaust their receives quickly
      maxReceiveCount: 3,
      functionTimeoutSeconds: 2,
      maxConcurrency: 2,
      memorySizeMB: 512,
      onResult: (r) => results.set(r.jobId, r),
      onPlatformSample: (s: PlatformSample) => {
        if (s.type === "invocation" && s.report) maxMemoryMB.push(s.report.maxMemoryUsedMB);
      },
    });
    try {
      expect(stack.broker.kind).toBe("container");
      const poisonIds = Array.from({ length: 20 }, (_, i) => `poison-${i}`);
      const accepted = await inParallel(180, 8, (i) => postJson(stack.enqueueUrl, jobRequest(i)));
      const statuses = accepted.map(
        (a) => `${a.status} ${a.status === 202 ? "" : JSON.stringify(a.body)}`,
      );
      expect(statuses.filter((st) => !st.startsWith("202"))).toEqual([]);
      for (const id of poisonIds) {
        await stack.sendRaw(`{"v":1,"jobId":"${id}","submittedAt":1,"request":{"dataset":{}}}`);
      }
      const good = accepted.map((a) => String(a.body.jobId));
      const settled = await eventually(
        async () => good.every((id) => results.has(id)) && (await stack.queueDepth()).dlq === 20,
        120_000,
        500,
      );
      expect(settled).toBe(true);
      expect((await stack.dlqJobIds()).sort()).toEqual([...poisonIds].sort());
      const lost = good.filter((id) => !results.has(id));
      expect(lost).toEqual([]);
      // Max Memory Used is the container's (its cgroup's peak: Node and the handler, tens of MB),
      // within its memory limit.
      expect(Math.max(...maxMemoryMB)).toBeGreaterThan(20);
      expect(Math.max(...maxMemoryMB)).toBeLessThanOrEqual(512);
      // The environments that did the work were containers of the Lambda image.
      expect(containersLabelled("queueshift.target", "lambda-environment").length).toBeGreaterThan(
        0,
      );
    } finally {
      await stack.stop();
    }
    await expectNoContainerLeft();
  }, 300_000);

  // Killed from outside (`podman kill`) mid-invocation: the container's exit is the
  // environment's death (a crash, as for a killed process), and the batch it held comes back
  // after the visibility timeout and succeeds in a new environment container.
  it("sees an environment container killed mid-invocation crash; its batch is redelivered", async () => {
    const results = new Map<string, CollectedResult>();
    const environmentSamples: EnvironmentSample[] = [];
    const stack = await startAsyncStack({
      ...SCENARIO_DEFAULTS.async,
      ...containerAsyncOptions(),
      functionTimeoutSeconds: 8,
      visibilityTimeoutSeconds: 8, // >= the function timeout, as AWS requires
      maxReceiveCount: 5,
      // One environment container at a time, the one to kill: the mapping's MaximumConcurrency is
      // at least 2 (aws-facts 2.2), so the function's concurrency limit holds it to one.
      accountConcurrency: 1,
      batchSize: 4, // the jobs in few batches: the one in flight dies with the environment
      batchingWindowSeconds: 5,
      memorySizeMB: 512,
      onResult: (r) => results.set(r.jobId, r),
      onPlatformSample: (s: PlatformSample) => {
        if (s.type === "environment") environmentSamples.push(s);
      },
    });
    const ids = Array.from({ length: 4 }, (_, i) => `slow-${i}`);
    try {
      // Each record sleeps 3 s before its analysis: the kill lands while the batch runs.
      for (const id of ids) await stack.sendRaw(jobEnvelope(id, { kind: "sleep", ms: 3_000 }));
      const busy = await eventually(
        () => stack.environments().some((e) => e.state === "busy"),
        60_000,
        20,
      );
      expect(busy).toBe(true);
      const running = containersLabelled(
        SESSION_LABEL,
        CONTAINER_SESSION,
        `${TARGET_LABEL}=lambda-environment`,
      );
      expect(running).toHaveLength(1);
      execFileSync(runtimeCli(), ["kill", "--signal", "KILL", running[0] as string]);

      const crashed = await eventually(
        () => environmentSamples.some((s) => s.event === "crashed"),
        30_000,
        50,
      );
      expect(crashed).toBe(true);
      const crash = environmentSamples.find((s) => s.event === "crashed");
      // Only that it exited: podman may report status 0 for a self-removing container whose
      // exit status it discarded with the container.
      expect(crash?.reason).toMatch(/\(container [0-9a-f]{12}\) exited mid-invocation: exit code/);
      expect(stack.counters().pool.crashed).toBe(1);

      const done = await eventually(() => ids.every((id) => results.has(id)), 90_000, 250);
      expect(done, `results: ${[...results.keys()].join(", ")}`).toBe(true);
      const ended = ids.map((id) => results.get(id)?.result);
      expect(ended.map((r) => r?.status)).toEqual(ids.map(() => "succeeded"));
      // The killed batch came back after the visibility timeout: its jobs succeeded on their
      // second receive. (Pollers may split the four jobs into batches: the one not in the
      // killed batch can succeed on its first.)
      expect(ended.some((r) => (r?.receiveCount ?? 0) >= 2)).toBe(true);
      expect((await stack.queueDepth()).dlq).toBe(0);
      // The replacement was a new environment (a second container start).
      expect(environmentSamples.filter((s) => s.event === "started").length).toBeGreaterThan(1);
    } finally {
      await stack.stop();
    }
    await expectNoContainerLeft();
  }, 300_000);
});
