import { describe, expect, it } from "vitest";
import { serverTimingUs } from "../../src/load/http-sender.js";

describe("serverTimingUs", () => {
  it("reads the app metric's duration in microseconds", () => {
    expect(serverTimingUs("app;dur=12.345")).toBe(12_345);
    expect(serverTimingUs('db;dur=3, app;desc="analysis";dur=0.5')).toBe(500);
    expect(serverTimingUs(["cache;dur=1", "app;dur=7"])).toBe(7_000);
  });

  it("is undefined without a header, an app metric or a number (a user's own service)", () => {
    expect(serverTimingUs(undefined)).toBeUndefined();
    expect(serverTimingUs("db;dur=3")).toBeUndefined();
    expect(serverTimingUs("app")).toBeUndefined();
    expect(serverTimingUs("app;dur=.")).toBeUndefined();
  });
});
