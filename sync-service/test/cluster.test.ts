import { describe, expect, it, onTestFinished } from "vitest";
import { httpRequest, postJson } from "./support/http.js";
import { ServiceProcess } from "./support/service-process.js";

const request = {
  dataset: { kind: "synthetic", size: 300, seed: 11 },
  analyses: ["descriptive", "rfm"],
};

async function sendMany(url: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, () =>
      postJson(`${url}/v1/analyze`, request).then(
        (r) => r.status,
        () => -1, // connection reset: counted as a failure
      ),
    );
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

/** A two-worker service, killed when the test ends, once both workers take connections. */
async function twoWorkerService(): Promise<{ svc: ServiceProcess; url: string }> {
  const svc = ServiceProcess.start({ WORKERS: "2" });
  onTestFinished(async () => {
    await svc.stop("SIGKILL");
  });
  const listening = await svc.waitFor((e) => e.event === "listening");
  await svc.waitFor(() => svc.events.filter((e) => e.event === "worker-listening").length >= 2);
  return { svc, url: `http://127.0.0.1:${listening.port}` };
}

describe("multi-worker service behind the cluster primary", () => {
  it("balances, replaces a killed worker, keeps answering, and drains on SIGTERM", async () => {
    const { svc, url } = await twoWorkerService();

    const before = await sendMany(url, 40);
    expect(before.every((s) => s === 200)).toBe(true);

    const victim = svc.events.find((e) => e.event === "worker-online")?.pid as number;
    process.kill(victim, "SIGKILL");
    const died = await svc.waitFor((e) => e.event === "worker-died" && e.pid === victim);
    expect(died).toMatchObject({ signal: "SIGKILL" });
    const replacement = died.replacedBy as number;
    await svc.waitFor((e) => e.event === "worker-listening" && e.pid === replacement);

    const after = await sendMany(url, 100);
    expect(after.filter((s) => s !== 200)).toEqual([]);
    expect((await httpRequest(`${url}/readyz`)).status).toBe(200);

    const code = await svc.stop("SIGTERM");
    expect(code).toBe(0);
    expect(svc.events.some((e) => e.event === "stopped")).toBe(true);
  });

  it("fails connections handed to a worker that dies fast (reset), not after the client's timeout", async () => {
    const { svc, url } = await twoWorkerService();
    let killedAt = Number.POSITIVE_INFINITY;
    const settle = (size: number) =>
      postJson(`${url}/v1/analyze`, { dataset: { kind: "synthetic", size, seed: 5 } }).then(
        (r) => ({ status: r.status, afterKillMs: performance.now() - killedAt }),
        (e: Error) => ({ status: -1, error: e.message, afterKillMs: performance.now() - killedAt }),
      );
    // Both workers busy with the largest dataset the core takes (~0.8 s on a quiet core, longer
    // on a loaded one; 50,000 customers finished before the kill on a quiet CI machine); the next
    // connections are handed to busy workers (or wait in the balancer), so the victim dies
    // holding one it has not yet picked up.
    const outcomes = [settle(100_000), settle(100_000)];
    await new Promise((r) => setTimeout(r, 150));
    for (let i = 0; i < 4; i++) outcomes.push(settle(100));
    await new Promise((r) => setTimeout(r, 100));
    const victim = svc.events.find((e) => e.event === "worker-online")?.pid as number;
    killedAt = performance.now();
    process.kill(victim, "SIGKILL");
    const settled = await Promise.all(outcomes);

    const failed = settled.filter((o) => o.status !== 200);
    // The victim held a busy request and one handed-over connection: both fail, nothing else.
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.length).toBeLessThanOrEqual(2);
    // A hang lasts until the client's 20 s timeout; a reset arrives as soon as the worker is gone.
    for (const f of failed) expect(f, JSON.stringify(settled)).toMatchObject({ status: -1 });
    expect(Math.max(...failed.map((f) => f.afterKillMs)), JSON.stringify(settled)).toBeLessThan(
      3_000,
    );
  });
});
