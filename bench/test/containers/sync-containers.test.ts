// The containerised sync stack under a real container runtime (podman here): sync-service
// containers from the project's image behind the nginx container, on the host's loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTAINER_SESSION,
  SESSION_LABEL,
  stopAllContainers,
} from "../../src/containers/container-kit.js";
import { CONTAINER_IMAGES } from "../../src/containers/images.js";
import { startContainerSyncStack } from "../../src/containers/sync-containers.js";
import { eventually, inParallel, jobRequest } from "../integration/support.js";
import { containersLabelled, ensureContainers } from "./runtime.js";

interface Answer {
  readonly status: number;
  readonly upstream: string;
  readonly sentAt: number;
}

async function analyze(url: string, i: number): Promise<Answer> {
  const sentAt = Date.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(jobRequest(i)),
    });
    await res.arrayBuffer();
    return { status: res.status, upstream: res.headers.get("x-upstream") ?? "", sentAt };
  } catch {
    return { status: 0, upstream: "", sentAt }; // counted: a failure nginx could not hide
  }
}

describe("sync-service containers behind nginx", () => {
  beforeAll(
    () => ensureContainers([CONTAINER_IMAGES.syncService, CONTAINER_IMAGES.nginx]),
    600_000,
  );
  afterAll(async () => {
    await stopAllContainers();
    expect(containersLabelled(SESSION_LABEL, CONTAINER_SESSION)).toEqual([]);
  });

  it("serves 100 requests over 2 containers, both taking some", async () => {
    const stack = await startContainerSyncStack({ tasks: 2, taskVcpu: 1, workersPerTask: 1 });
    try {
      const answers = await inParallel(100, 4, (i) => analyze(stack.analyzeUrl, i));
      expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
      const ports = stack.tasks.map((t) => `127.0.0.1:${t.port}`);
      for (const port of ports) {
        expect(answers.filter((a) => a.upstream === port).length).toBeGreaterThan(10);
      }
    } finally {
      await stack.stop();
    }
    expect(containersLabelled(SESSION_LABEL, CONTAINER_SESSION)).toEqual([]);
  }, 120_000);

  it("loses no retryable request when a container is killed mid-load, and counts the rest", async () => {
    const stack = await startContainerSyncStack({ tasks: 2, taskVcpu: 1, workersPerTask: 1 });
    try {
      const [victim, survivor] = stack.tasks;
      if (victim === undefined || survivor === undefined) throw new Error("two tasks expected");
      let killedAt = Number.POSITIVE_INFINITY;
      const answers: Answer[] = [];
      const sentAfterKill = () => answers.filter((a) => a.sentAt > killedAt).length;
      const killer = (async () => {
        await eventually(() => answers.length >= 40, 60_000);
        const { getContainerRuntimeClient } = await import("testcontainers");
        const client = await getContainerRuntimeClient();
        await client.container.getById(victim.container.getId()).kill({ signal: "SIGKILL" });
        killedAt = Date.now(); // dead from here on; requests sent before may have reached it
      })();
      // 4 clients until 60 requests were sent after the kill (bounded: 500 each at most).
      await Promise.all(
        Array.from({ length: 4 }, async (_, c) => {
          for (let i = 0; i < 500 && sentAfterKill() < 60; i++) {
            answers.push(await analyze(stack.analyzeUrl, c * 500 + i));
          }
        }),
      );
      await killer;
      expect(Number.isFinite(killedAt)).toBe(true);
      const failed = answers.filter((a) => a.status !== 200);
      // Every request is accounted for: a 200, or a failure nginx answered (502) because the
      // request had already reached the killed target (POST is not retried once sent).
      expect(failed.filter((a) => a.status !== 502 || a.sentAt > killedAt)).toEqual([]);
      expect(failed.length).toBeLessThanOrEqual(4); // at most the requests in flight at the kill
      // Sent after the kill: refused connections are retried on the survivor, none fails.
      const after = answers.filter((a) => a.sentAt > killedAt);
      expect(after.length).toBeGreaterThanOrEqual(60);
      expect(after.every((a) => a.status === 200 && a.upstream.endsWith(`:${survivor.port}`))).toBe(
        true,
      );
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
