// An execution-environment container killed from outside (`podman kill`) in the middle of an
// invocation: the platform sees the container's exit as the environment's death (a crash, as
// for a killed process), and the batch it held comes back after the visibility timeout and
// succeeds in a new environment container. Real podman, ElasticMQ container, Lambda image.
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
import { eventually } from "../integration/support.js";
import { containersLabelled, ensureContainers, runtimeCli } from "./runtime.js";

describe("an environment container killed mid-invocation", () => {
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

  it("is a crashed environment, and its batch is redelivered and succeeds", async () => {
    const results = new Map<string, CollectedResult>();
    const environmentSamples: EnvironmentSample[] = [];
    const stack = await startAsyncStack({
      ...SCENARIO_DEFAULTS.async,
      ...containerAsyncOptions(),
      functionTimeoutSeconds: 8,
      visibilityTimeoutSeconds: 8, // >= the function timeout, as AWS requires
      maxReceiveCount: 5,
      maxConcurrency: 1, // one environment container at a time: the one to kill
      batchSize: 4, // the four jobs in one batch: all of them are in flight when it dies
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
      for (const id of ids) {
        const r = results.get(id)?.result;
        expect(r?.status).toBe("succeeded");
        // Redelivered after the crash: the second receive is the one that succeeded.
        expect(r?.receiveCount).toBeGreaterThanOrEqual(2);
      }
      expect((await stack.queueDepth()).dlq).toBe(0);
      // The replacement was a new environment (a second container start).
      expect(environmentSamples.filter((s) => s.event === "started").length).toBeGreaterThan(1);
    } finally {
      await stack.stop();
    }
    const none = await eventually(
      () => containersLabelled(SESSION_LABEL, CONTAINER_SESSION).length === 0,
      30_000,
      500,
    );
    expect(none).toBe(true);
  }, 300_000);
});
