import { describe, expect, it } from "vitest";
import {
  AnalyticsError,
  DEFAULT_HTTP_EDGE_SETTINGS,
  httpServerOptions,
  readHttpEdgeSettings,
  serviceLifecycle,
} from "../src/index.js";

describe("the HTTP edge's settings", () => {
  it("are the defaults without environment, and an empty HOST is the loopback default", () => {
    expect(readHttpEdgeSettings({})).toEqual(DEFAULT_HTTP_EDGE_SETTINGS);
    expect(readHttpEdgeSettings({ HOST: "" }).host).toBe("127.0.0.1");
    expect(readHttpEdgeSettings({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("read the timeouts in milliseconds and name a bad variable", () => {
    const s = readHttpEdgeSettings({ HEADERS_TIMEOUT_MS: "500", REQUEST_TIMEOUT_MS: "900" });
    expect(s).toMatchObject({ headersTimeoutMs: 500, requestTimeoutMs: 900 });
    expect(httpServerOptions(s)).toMatchObject({
      requestTimeout: 900,
      http: { headersTimeout: 500, connectionsCheckingInterval: 500 },
      return503OnClosing: false,
    });
    expect(() => readHttpEdgeSettings({ KEEP_ALIVE_TIMEOUT_MS: "soon" })).toThrow(
      /KEEP_ALIVE_TIMEOUT_MS: expected an integer/,
    );
    expect(() => readHttpEdgeSettings({ REQUEST_TIMEOUT_MS: "0" })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => readHttpEdgeSettings({ HEADERS_TIMEOUT_MS: "40000" })).toThrow(
      /HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS \(30000\)/,
    );
    expect(() => readHttpEdgeSettings({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});

describe("a service's lifecycle", () => {
  const reply = () => {
    const headers: Record<string, string> = {};
    return { headers, header: (name: string, value: string) => (headers[name] = value) };
  };

  it("serves everything, keeping connections, until draining starts", async () => {
    const lifecycle = serviceLifecycle({ isDraining: () => false });
    await expect(lifecycle.onRequest({ url: "/v1/analyze" })).resolves.toBeUndefined();
    const r = reply();
    await lifecycle.onSend({}, r);
    expect(r.headers).toEqual({});
  });

  it("while draining refuses new requests but liveness, and closes every connection", async () => {
    const lifecycle = serviceLifecycle({ isDraining: () => true });
    const refusal = await lifecycle.onRequest({ url: "/v1/jobs" }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AnalyticsError);
    expect(refusal).toMatchObject({ code: "QS_SHUTTING_DOWN", httpStatus: 503 });
    await expect(lifecycle.onRequest({ url: "/healthz" })).resolves.toBeUndefined();
    const r = reply();
    await lifecycle.onSend({}, r);
    expect(r.headers).toEqual({ connection: "close" });
  });

  it("is ready only when not draining and the dependency check passes", async () => {
    let draining = false;
    let queueUp = true;
    const lifecycle = serviceLifecycle({
      isDraining: () => draining,
      checkReady: async () => {
        if (!queueUp) throw new AnalyticsError("QS_BROKER_UNAVAILABLE", "down");
      },
    });
    const readyz = lifecycle.routes.find((r) => r.url === "/readyz");
    await expect(readyz?.handler()).resolves.toEqual({ status: "ready" });
    queueUp = false;
    await expect(readyz?.handler()).rejects.toMatchObject({ code: "QS_BROKER_UNAVAILABLE" });
    draining = true;
    await expect(readyz?.handler()).rejects.toMatchObject({ code: "QS_SHUTTING_DOWN" });
  });
});
