// The async stack of the container target under a real runtime: ElasticMQ from the local image
// (the container broker path), the enqueue API container, and every execution environment a
// container of the Lambda image (aws-lambda-ric) against its own Runtime API server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerAsyncOptions } from "../../src/containers/async-containers.js";
import {
  CONTAINER_SESSION,
  SESSION_LABEL,
  stopAllContainers,
} from "../../src/containers/container-kit.js";
import { CONTAINER_IMAGES } from "../../src/containers/images.js";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import { type CollectedResult, startAsyncStack } from "../../src/stack/index.js";
import { eventually, inParallel, jobRequest, postJson } from "../integration/support.js";
import { containersLabelled, ensureContainers } from "./runtime.js";

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
    const stack = await startAsyncStack({
      ...SCENARIO_DEFAULTS.async,
      ...containerAsyncOptions(),
      visibilityTimeoutSeconds: 2, // short, so poison records exhaust their receives quickly
      maxReceiveCount: 3,
      functionTimeoutSeconds: 2,
      maxConcurrency: 2,
      memorySizeMB: 512,
      onResult: (r) => results.set(r.jobId, r),
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
      // The environments that did the work were containers of the Lambda image.
      expect(containersLabelled("queueshift.target", "lambda-environment").length).toBeGreaterThan(
        0,
      );
    } finally {
      await stack.stop();
    }
    // Environment containers are removed by the runtime once their client exits (--rm).
    const none = await eventually(
      () => containersLabelled(SESSION_LABEL, CONTAINER_SESSION).length === 0,
      30_000,
      500,
    );
    expect(none).toBe(true);
  }, 300_000);
});
