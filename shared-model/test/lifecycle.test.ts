import { describe, expect, it } from "vitest";
import { AnalyticsError, serviceLifecycle } from "../src/index.js";

describe("a service's lifecycle", () => {
  /** Runs both hooks as Fastify would; returns the onRequest error and the headers onSend set. */
  const run = (lifecycle: ReturnType<typeof serviceLifecycle>, url: string) => {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => (headers[name] = value) };
    let refusal: Error | undefined;
    let sent: unknown;
    lifecycle.onRequest({ url }, reply, (err) => {
      refusal = err;
    });
    lifecycle.onSend({}, reply, "body", (_err, payload) => {
      sent = payload;
    });
    return { refusal, headers, sent };
  };

  it("serves everything, keeping connections, until draining starts", () => {
    const out = run(serviceLifecycle({ isDraining: () => false }), "/v1/analyze");
    expect(out).toEqual({ refusal: undefined, headers: {}, sent: "body" });
  });

  it("while draining refuses new requests but liveness, and closes every connection", () => {
    const lifecycle = serviceLifecycle({ isDraining: () => true });
    const refused = run(lifecycle, "/v1/jobs");
    expect(refused.refusal).toBeInstanceOf(AnalyticsError);
    expect(refused.refusal).toMatchObject({ code: "QS_SHUTTING_DOWN", httpStatus: 503 });
    expect(refused.headers).toEqual({ connection: "close" });
    const live = run(lifecycle, "/healthz");
    expect(live).toEqual({ refusal: undefined, headers: { connection: "close" }, sent: "body" });
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
