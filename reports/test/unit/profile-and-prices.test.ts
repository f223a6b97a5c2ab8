import { describe, expect, it } from "vitest";
import {
  choosePrices,
  parseObjectives,
  ReportError,
  resolveProfile,
  trafficFor,
} from "../../src/index.js";

describe("user profile", () => {
  it("parses latency objectives with units", () => {
    // Act
    const got = parseObjectives("p99=500ms, p50=0.1s,p99.9=2000us");

    // Assess
    expect(got).toEqual([
      { label: "p99", percentile: 99, ms: 500 },
      { label: "p50", percentile: 50, ms: 100 },
      { label: "p99.9", percentile: 99.9, ms: 2 },
    ]);
  });

  it("layers defaults <- file <- flags and names every bad field", () => {
    // Act
    const p = resolveProfile(
      { monthlyRequests: 5e6, shape: "spiky" },
      { shape: "steady", slo: "p90=1s" },
    );

    // Assess
    expect(p).toMatchObject({ monthlyRequests: 5e6, shape: "steady", peakRate: null });
    expect(p.objectives[0]?.ms).toBe(1000);
    expect(() => resolveProfile({ shape: "wavy", monthlyRequests: -1, bogus: 1 } as never)).toThrow(
      /bogus: unknown field.*monthlyRequests.*shape/,
    );
  });

  it("turns a stated peak above the busiest hour into an intra-hour peak factor", () => {
    // Act
    const t = trafficFor(
      resolveProfile({ monthlyRequests: 2_628_000, shape: "steady", peakRate: 5 }),
    );

    // Assess: 2,628,000 / (730 x 3600) = 1 req/s mean
    expect(t.peakRate).toBeCloseTo(5, 6);
    expect(t.intraHourPeakFactor).toBeCloseTo(5, 6);
  });
});

describe("price choice", () => {
  it("refuses regions without a price table, with a clear error", () => {
    // Act / Assess
    expect(() => choosePrices({ region: "eu-west-1" })).toThrow(/eu-west-1.*us-east-1/);
  });

  it("applies a deep-partial override and marks the figure as the user's", () => {
    // Act
    const c = choosePrices({ overrides: { alb: { hour: { value: 0.03 } } } });

    // Assess
    expect(c.table.alb.hour.value).toBe(0.03);
    expect(c.table.alb.hour.confidence).toBe("user");
    expect(c.overridden).toBe(true);
  });

  it("names the paths of a bad override and the file it came from", () => {
    // Act
    let error: unknown;
    try {
      choosePrices({
        overrides: { sqs: { bogus: 1, chunkBytes: 0 } },
        overridesSource: "my-prices.json",
      });
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe("QS_REPORT_INVALID_PRICES");
    expect((error as Error).message).toMatch(
      /my-prices\.json: sqs\.bogus: unknown key; sqs\.chunkBytes/,
    );
  });

  it("rejects unknown arch, platform and API gateway kinds naming the flag", () => {
    // Act / Assess
    expect(() => choosePrices({ arch: "sparc" as never })).toThrow(/--arch/);
    expect(() => choosePrices({ platform: "k8s" as never })).toThrow(/--platform/);
    expect(() => choosePrices({ apiGateway: "grpc" as never })).toThrow(/--api-gateway/);
  });
});
