import { once } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import { loadSyncConfig, type RunningServer, startServer } from "../src/index.js";
import { httpRequest, startHeldPost } from "./support/http.js";
import { ServiceProcess } from "./support/service-process.js";

const request = { dataset: { kind: "synthetic", size: 5_000, seed: 7 } };

describe("graceful shutdown", () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.shutdown();
  });

  it("drains the in-flight request, then refuses new connections", async () => {
    server = await startServer(loadSyncConfig({}, { port: 0, logLevel: "silent" }));
    const arrived = once(server.app.server, "request");
    const held = startHeldPost(`${server.url}/v1/analyze`, request);
    await arrived; // the request is now provably in flight
    const closed = server.shutdown();
    const res = await held.finish();
    await closed;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ datasetSize: 5_000 });
    await expect(httpRequest(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("drains and exits 0 on SIGTERM as a process", async () => {
    const svc = ServiceProcess.start({ WORKERS: "1" });
    const listening = await svc.waitFor((e) => e.event === "listening");
    const url = `http://127.0.0.1:${listening.port}`;
    expect((await httpRequest(`${url}/readyz`)).status).toBe(200);
    const held = startHeldPost(`${url}/v1/analyze`, request);
    // The headers reach a loopback server in well under a millisecond; the body is held back,
    // so the request cannot finish before the signal whatever the timing.
    await new Promise((r) => setTimeout(r, 200));
    svc.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    const res = await held.finish();
    expect(res.status).toBe(200);
    expect(await svc.closed).toBe(0);
  });

  it("exits 2 naming the variable on bad configuration", async () => {
    const svc = ServiceProcess.start({ WORKERS: "none" });
    expect(await svc.closed).toBe(2);
    expect(svc.stderr).toContain("WORKERS: expected an integer");
  });
});
