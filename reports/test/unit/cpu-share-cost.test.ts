// Issue 11 item 2: the cost model and the memory sensitivity take the handler duration measured
// at the configured memory's CPU share; a run at full core is scaled to that share, and says so.
import { measuredCpuShare, type ResultDocument } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  atConfiguredMemory,
  billedHandlerMsPerInvocation,
  choosePrices,
  costInputs,
  measuredMeanBatch,
  projectCosts,
  resolveProfile,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

const prices = choosePrices({ arch: "x86" });
const profile = resolveProfile({});

function at512(cpuShares: ResultDocument["cpuShares"], cpuShareCores: number | null) {
  const doc = withArchitecture(fixtureResult({ burstMultiplier: 1 }), "async", (a) => ({
    ...a,
    settings: { ...a.settings, cpuShareCores },
    lambda: a.lambda && { ...a.lambda, memorySizeMB: 512 },
  }));
  return cpuShares === undefined ? doc : { ...doc, cpuShares };
}

const applied = { status: "applied" as const, mechanism: "cgroup-v1" as const, root: "/x" };
const refused = { status: "not-applied" as const, reason: "EROFS" };

function asyncOf(doc: ResultDocument) {
  const a = doc.architectures.find((x) => x.architecture === "async");
  if (a === undefined) throw new Error("fixture without async");
  return a;
}

function measuredPerMessage(doc: ResultDocument): number {
  const a = asyncOf(doc);
  return billedHandlerMsPerInvocation(a) / measuredMeanBatch(a);
}

describe("handler duration at the configured memory", () => {
  it("scales a full-core duration by Lambda's CPU share and leaves a measured share alone", () => {
    const full = { cores: 1, applied: false, note: "" };
    expect(atConfiguredMemory(100, full, 512)).toBeCloseTo((100 * 1769) / 512, 9);
    expect(atConfiguredMemory(100, full, 128)).toBeCloseTo((100 * 1769) / 128, 9);
    expect(atConfiguredMemory(100, full, 3008)).toBe(100); // a single thread gains nothing above 1 vCPU
    const share512 = { cores: 512 / 1769, applied: true, note: "" };
    expect(atConfiguredMemory(100, share512, 512)).toBeCloseTo(100, 9);
  });

  it("uses the measured duration as is when the run applied the 512 MB share", () => {
    const doc = at512(applied, 512 / 1769);
    const inputs = costInputs(doc, prices, projectCosts(doc, profile, prices).traffic);
    expect(inputs.async?.lambda.durationPerMessageMs).toBeCloseTo(measuredPerMessage(doc), 9);
    expect(inputs.notes.join("\n")).toContain("measured under a CPU quota of 0.289 cores");
    // The sensitivity starts from 512 MB: at 1,769 MB the same work takes 512/1769 of the time.
    const memory = projectCosts(doc, profile, prices).memory;
    const m512 = memory.find((m) => m.memoryMb === 512);
    const m1769 = memory.find((m) => m.memoryMb === 1769);
    expect(m1769?.billedDurationMs).toBeCloseTo(((m512?.billedDurationMs ?? 0) * 512) / 1769, 0);
  });

  it("scales a full-core run at 512 MB by 1,769/512 and says durations were at full core", () => {
    for (const [cpuShares, why] of [
      [refused, "CPU quotas were not applied: EROFS"],
      [undefined, "the run predates CPU shares"],
    ] as const) {
      const doc = at512(cpuShares, null);
      const inputs = costInputs(doc, prices, projectCosts(doc, profile, prices).traffic);
      expect(inputs.async?.lambda.durationPerMessageMs).toBeCloseTo(
        (measuredPerMessage(doc) * 1769) / 512,
        9,
      );
      expect(inputs.notes.join("\n")).toContain(`measured at a full core (${why})`);
      expect(inputs.notes.join("\n")).toContain("to 512 MB's CPU share");
    }
  });

  it("reads the share from the run's settings only when the run applied quotas", () => {
    const yes = at512(applied, 0.25);
    const no = at512(refused, 0.25);
    expect(measuredCpuShare(yes, asyncOf(yes)).cores).toBe(0.25);
    expect(measuredCpuShare(no, asyncOf(no))).toMatchObject({ cores: 1, applied: false });
  });
});

describe("a run in provisioned mode", () => {
  it("says its Event Poller Units are not priced, and a standard-mode run does not", () => {
    const standard = at512(applied, 512 / 1769);
    const provisioned = withArchitecture(standard, "async", (a) => ({
      ...a,
      settings: {
        ...a.settings,
        provisionedPollerConfig: { minimumPollers: 2, maximumPollers: 4 },
      },
    }));
    const notesOf = (doc: ResultDocument) =>
      costInputs(doc, prices, projectCosts(doc, profile, prices).traffic).notes.join("\n");
    expect(notesOf(provisioned)).toContain("Event Poller Units are not in the cost");
    expect(notesOf(standard)).not.toContain("Event Poller Units");
  });
});
