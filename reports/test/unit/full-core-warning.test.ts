// Every report says in its first lines when durations were measured at full core (CPU quotas not
// applied, or a run from before they existed), and says nothing when they were applied.
import { describe, expect, it } from "vitest";
import {
  buildSummary,
  choosePrices,
  renderHtml,
  renderMarkdown,
  resolveProfile,
} from "../../src/index.js";
import { fixtureResult } from "../fixtures/result-fixture.js";

const options = { profile: resolveProfile({}), prices: choosePrices({ arch: "x86" }) };
const notApplied = {
  ...fixtureResult({ burstMultiplier: 1 }),
  cpuShares: {
    status: "not-applied" as const,
    reason: "cannot create a cgroup under /sys/fs/cgroup/cpu: EROFS",
  },
};
const applied = {
  ...fixtureResult({ burstMultiplier: 1 }),
  cpuShares: {
    status: "applied" as const,
    mechanism: "cgroup-v1" as const,
    root: "/sys/fs/cgroup/cpu/queueshift-1",
  },
};

describe("the full-core warning", () => {
  it("is in the Markdown's first lines, the HTML's header and the JSON when quotas were not applied", () => {
    const md = renderMarkdown(notApplied, options).split("\n");
    const firstLines = md.slice(0, 8).join("\n");
    expect(firstLines).toContain("Durations were measured at full core");
    expect(firstLines).toContain("EROFS");
    const html = renderHtml(notApplied, options);
    const header = html.slice(html.indexOf("<h1>"), html.indexOf("<h2"));
    expect(header).toContain("Durations were measured at full core");
    expect(buildSummary(notApplied, options).fullCoreWarning).toContain("EROFS");
  });

  it("names an old run's full core too (no cpuShares recorded)", () => {
    const { cpuShares: _none, ...old } = applied;
    expect(renderMarkdown(old, options)).toContain("recorded before CPU quotas existed");
  });

  it("is absent when the quotas were applied", () => {
    expect(renderMarkdown(applied, options)).not.toContain("full core");
    expect(renderHtml(applied, options)).not.toContain("full core");
    expect(buildSummary(applied, options).fullCoreWarning).toBeNull();
  });
});
