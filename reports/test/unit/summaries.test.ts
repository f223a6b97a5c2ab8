import { describe, expect, it } from "vitest";
import {
  buildSummary,
  choosePrices,
  renderJsonSummary,
  renderMarkdown,
  resolveProfile,
  SUMMARY_SCHEMA,
} from "../../src/index.js";
import { fixtureResult } from "../fixtures/result-fixture.js";

const options = {
  profile: resolveProfile({ slo: "p99=5s", monthlyRequests: 2e6 }),
  prices: choosePrices(),
};

describe("Markdown summary", () => {
  it("states the recommendation on its first line and the reason right after", () => {
    // Act
    const md = renderMarkdown(fixtureResult({ burstMultiplier: 1 }), options);
    const lines = md.split("\n");

    // Assess
    expect(lines[0]).toMatch(/^\*\*Recommendation: (Migrate|Stay|Hybrid)\*\*/);
    expect(lines[0]).toContain("Migrate");
    expect(lines[2]).toMatch(/^Migrate to the asynchronous design/);
    expect(md).toMatch(/\| sync \|/);
    expect(md).toMatch(
      /\| sync \| p99 <= 5,000 ms \| 100% of \d+ \([\d.]+%-100%\) \| 99% \| met \| p99 of completed requests/,
    );
    expect(md).toMatch(/\| 1B \| migrate \|/);
    expect(md).toMatch(/visibility timeout \d+ s, maxReceiveCount 5/);
  });

  it("says Stay for a sync-only run", () => {
    // Act
    const md = renderMarkdown(fixtureResult({ architectures: ["sync"] }), options);

    // Assess
    expect(md.split("\n")[0]).toMatch(/^\*\*Recommendation: Stay\*\* \(single-architecture\)/);
  });
});

describe("JSON summary", () => {
  it("has the documented shape and round-trips through JSON", () => {
    // Prepare
    const doc = fixtureResult();

    // Act
    const parsed = JSON.parse(renderJsonSummary(doc, options));
    const built = buildSummary(doc, options);

    // Assess
    expect(parsed).toEqual(JSON.parse(JSON.stringify(built)));
    expect(parsed.schema).toBe(SUMMARY_SCHEMA);
    expect(parsed.runId).toBe(doc.runId);
    expect(Object.keys(parsed)).toEqual([
      "schema",
      "runId",
      "scenario",
      "outcome",
      "broker",
      "fullCoreWarning",
      "recommendation",
      "profile",
      "architectures",
      "objectives",
      "cost",
      "burst",
      "burstShares",
      "coldStartShare",
      "arrivals",
      "verdictByVolume",
      "settings",
    ]);
    expect(["migrate", "stay", "hybrid", "inconclusive"]).toContain(parsed.recommendation.decision);
    expect(parsed.objectives[0]).toMatchObject({ label: "p99", targetShare: 0.99 });
    expect(parsed.objectives[0].interval.lower).toBeLessThanOrEqual(parsed.objectives[0].share);
    expect(parsed.arrivals.map((x: { architecture: string }) => x.architecture)).toEqual([
      "sync",
      "async",
    ]);
    expect(parsed.verdictByVolume).toHaveLength(4);
    expect(parsed.architectures).toHaveLength(2);
    expect(parsed.architectures[0].latency.p99).toBeGreaterThan(0);
    expect(Object.keys(parsed.cost.breakEven)).toEqual(["steady", "diurnal", "spiky"]);
    expect(parsed.cost.syncMonthly).toBeGreaterThan(0);
    expect(parsed.cost.asyncMonthly).toBeGreaterThan(0);
    expect(parsed.settings.maxReceiveCount).toBe(5);
  });
});
