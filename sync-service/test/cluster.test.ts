import { afterAll, describe, expect, it } from "vitest";
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

describe("multi-worker service behind the cluster primary", () => {
  const svc = ServiceProcess.start({ WORKERS: "2" });
  afterAll(async () => {
    await svc.stop("SIGKILL");
  });

  it("balances, replaces a killed worker, keeps answering, and drains on SIGTERM", async () => {
    const listening = await svc.waitFor((e) => e.event === "listening");
    const url = `http://127.0.0.1:${listening.port}`;
    await svc.waitFor(() => svc.events.filter((e) => e.event === "worker-listening").length >= 2);

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
});
