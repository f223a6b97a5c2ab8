import { describe, expect, it } from "vitest";
import * as edge from "../src/http-edge.js";

describe("the HTTP edge's settings", () => {
  it("are the defaults without environment, and an empty HOST is the loopback default", () => {
    expect(edge.readHttpEdgeSettings({})).toEqual(edge.DEFAULT_HTTP_EDGE_SETTINGS);
    expect(edge.readHttpEdgeSettings({ HOST: "" }).host).toBe("127.0.0.1");
    expect(edge.readHttpEdgeSettings({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("read the timeouts in milliseconds and name a bad variable", () => {
    const s = edge.readHttpEdgeSettings({ HEADERS_TIMEOUT_MS: "500", REQUEST_TIMEOUT_MS: "900" });
    expect(s).toMatchObject({ headersTimeoutMs: 500, requestTimeoutMs: 900 });
    expect(edge.httpServerOptions(s)).toMatchObject({
      requestTimeout: 900,
      http: { headersTimeout: 500, connectionsCheckingInterval: 500 },
      return503OnClosing: false,
    });
    expect(() => edge.readHttpEdgeSettings({ KEEP_ALIVE_TIMEOUT_MS: "soon" })).toThrow(
      /KEEP_ALIVE_TIMEOUT_MS: expected an integer/,
    );
    expect(() => edge.readHttpEdgeSettings({ REQUEST_TIMEOUT_MS: "0" })).toThrow(
      /REQUEST_TIMEOUT_MS/,
    );
    expect(() => edge.readHttpEdgeSettings({ HEADERS_TIMEOUT_MS: "40000" })).toThrow(
      /HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS \(30000\)/,
    );
    expect(() => edge.readHttpEdgeSettings({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});
