import { afterEach, describe, expect, it } from "vitest";
import { buildApp, loadSyncConfig, type SyncApp } from "../src/index.js";

const config = loadSyncConfig({}, { logLevel: "silent", bodyLimitBytes: 64 * 1024 });
const valid = { dataset: { kind: "synthetic", size: 200, seed: 42 } };
let current: SyncApp | undefined;

function app(): SyncApp {
  current = buildApp(config);
  return current;
}

async function post(payload: string | object, contentType = "application/json") {
  const res = await app().app.inject({
    method: "POST",
    url: "/v1/analyze",
    headers: { "content-type": contentType },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, raw: res.body };
}

afterEach(async () => {
  await current?.app.close();
  current = undefined;
});

describe("POST /v1/analyze", () => {
  it("answers 200 with the analysis", async () => {
    const res = await post(valid);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemaVersion: 1, datasetSize: 200 });
    expect(Object.keys(res.body)).toEqual(
      expect.arrayContaining(["descriptive", "rfm", "kmeans", "conversion"]),
    );
  });

  it("states the analysis' own time in Server-Timing (ms, 3 decimals), within the whole request's", async () => {
    const started = performance.now();
    const res = await app().app.inject({
      method: "POST",
      url: "/v1/analyze",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ dataset: { kind: "synthetic", size: 5_000, seed: 7 } }),
    });
    const whole = performance.now() - started;
    const match = /^app;dur=(\d+\.\d{3})$/.exec(String(res.headers["server-timing"]));
    expect(match).not.toBeNull();
    const dur = Number(match?.[1]);
    expect(dur).toBeGreaterThan(0);
    expect(dur).toBeLessThanOrEqual(whole);
  });

  it("gives byte-identical bodies for the same request", async () => {
    const a = await post(valid);
    const b = await post(valid);
    expect(a.raw).toBe(b.raw);
  });

  it("rejects malformed JSON with 400 QS_MALFORMED_JSON", async () => {
    const res = await post('{"dataset": {');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: "QS_MALFORMED_JSON" });
  });

  it("rejects a wrong type with 400 naming the field", async () => {
    const res = await post({ dataset: { kind: "synthetic", size: "big", seed: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("QS_INVALID_REQUEST");
    expect(String(res.body.field)).toContain("dataset");
    expect(JSON.stringify(res.body.details)).toContain("dataset.size");
  });

  it("rejects a missing field with 400 naming it", async () => {
    const res = await post({ analyses: ["rfm"] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "QS_INVALID_REQUEST", field: "dataset" });
  });

  it("rejects unknown fields", async () => {
    const res = await post({ ...valid, extra: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("QS_INVALID_REQUEST");
  });

  it("rejects an oversize body with 413 QS_PAYLOAD_TOO_LARGE", async () => {
    const customers = Array.from({ length: 1000 }, (_, i) => ({
      id: `c${i}`,
      recencyDays: 1,
      frequency: 1,
      monetary: 1,
      channel: "email",
      campaign: "spring",
      converted: false,
    }));
    const res = await post({ dataset: { kind: "inline", customers } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("QS_PAYLOAD_TOO_LARGE");
  });

  it("rejects a synthetic dataset over the core's limit with 413 QS_DATASET_TOO_LARGE", async () => {
    const res = await post({ dataset: { kind: "synthetic", size: 10_000_000, seed: 1 } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: "QS_DATASET_TOO_LARGE", field: "dataset.size" });
  });

  it("rejects more clusters than customers with QS_K_TOO_LARGE", async () => {
    const res = await post({ dataset: { kind: "synthetic", size: 3, seed: 1 }, options: { k: 5 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "QS_K_TOO_LARGE", field: "options.k" });
  });

  it("rejects a non-JSON content type with 415", async () => {
    const res = await post("dataset=1", "text/plain");
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("QS_UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("errors and health", () => {
  it("answers 404 with a code for unknown routes", async () => {
    const res = await app().app.inject({ method: "GET", url: "/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "QS_NOT_FOUND" });
  });

  it("never leaks internals in a 500", async () => {
    const { app: fastify } = app();
    fastify.get("/boom", async () => {
      throw new Error("password=hunter2 at db.internal:5432");
    });
    const res = await fastify.inject({ method: "GET", url: "/boom" });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: "QS_INTERNAL", message: "internal error" });
    expect(res.body).not.toContain("hunter2");
    expect(res.body).not.toContain("stack");
  });

  it("is live and ready, then not ready once draining", async () => {
    const a = app();
    expect((await a.app.inject({ url: "/healthz" })).statusCode).toBe(200);
    expect((await a.app.inject({ url: "/readyz" })).statusCode).toBe(200);
    a.startDraining();
    const res = await a.app.inject({ url: "/readyz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ statusCode: 503, code: "QS_SHUTTING_DOWN" });
    expect((await a.app.inject({ url: "/healthz" })).statusCode).toBe(200);
    const refused = await a.app.inject({ method: "POST", url: "/v1/analyze", payload: valid });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: "QS_SHUTTING_DOWN" });
    expect(refused.headers.connection).toBe("close");
  });
});

describe("configuration", () => {
  it("names the bad variable", () => {
    expect(() => loadSyncConfig({ PORT: "eighty" })).toThrow(/PORT: expected an integer/);
    expect(() => loadSyncConfig({ WORKERS: "0" })).toThrow(/WORKERS: must be between 1/);
    expect(() => loadSyncConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });

  it("reads the environment over the defaults and freezes the result", () => {
    const c = loadSyncConfig({ PORT: "8080", WORKERS: "3", HOST: "0.0.0.0" });
    expect(c).toMatchObject({ port: 8080, workers: 3, host: "0.0.0.0" });
    expect(Object.isFrozen(c)).toBe(true);
    expect(loadSyncConfig({ HOST: "", REQUEST_TIMEOUT_MS: "45000" })).toMatchObject({
      host: "127.0.0.1",
      requestTimeoutMs: 45_000,
    });
  });
});
