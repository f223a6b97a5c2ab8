import type { Counters, ResultDocument } from "@queueshift/shared-model";
import { wilsonInterval, Z_SCORES } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  advise,
  arrivalAccount,
  checkObjectives,
  choosePrices,
  parseObjectives,
  reliable,
} from "../../src/index.js";
import { fixtureResult, withArchitecture, withLatencies } from "../fixtures/result-fixture.js";

const p99 = parseObjectives("p99=500ms");

/** A sync design whose measure phase is exactly `samplesMs` plus the given counters. */
function syncRun(samplesMs: readonly number[], counters: Partial<Counters>): ResultDocument {
  const doc = withLatencies(fixtureResult({ burstMultiplier: 1 }), "sync", samplesMs);
  return withArchitecture(doc, "sync", (a) => ({
    ...a,
    counters: {
      ...a.counters,
      scheduled: 0,
      sent: samplesMs.length,
      missed: 0,
      succeeded: samplesMs.length,
      failed: 0,
      timeouts: 0,
      ...counters,
    },
  }));
}

const syncOf = (doc: ResultDocument) => {
  const a = doc.architectures.find((x) => x.architecture === "sync");
  if (a === undefined) throw new Error("no sync design");
  return a;
};
const repeat = (n: number, ms: number) => new Array<number>(n).fill(ms);

describe("objectives over all arrivals", () => {
  it("counts an objective exactly met as met, and inconclusive: its interval straddles 99 %", () => {
    // Prepare: 990 of 1,000 arrivals at 100 ms, 10 at 900 ms
    const doc = syncRun([...repeat(990, 100), ...repeat(10, 900)], {});

    // Act
    const [c] = checkObjectives(syncOf(doc), p99);

    // Assess
    expect(c?.within).toBe(990);
    expect(c?.share).toBe(0.99);
    expect(c?.met).toBe(true);
    expect(c?.conclusive).toBe(false);
    // The share sits on the target: no run length would settle it
    expect(c?.arrivalsToSettle).toBeNull();
  });

  it("fails a p99 objective when 2 % of sync requests time out, though the completed ones meet it", () => {
    // Prepare: 980 responses at 50 ms; 20 timeouts never reach the histogram
    const doc = syncRun(repeat(980, 50), { sent: 1000, timeouts: 20, scheduled: 1000 });

    // Act
    const [c] = checkObjectives(syncOf(doc), p99);

    // Assess: the completed requests' p99 is 50 ms, yet only 98 % of arrivals are within
    expect(c?.measuredMs ?? 0).toBeLessThan(500);
    expect(c?.share).toBe(0.98);
    expect(c?.met).toBe(false);
    expect(c?.conclusive).toBe(true);
    expect(c?.allArrivalsMs).toBeNull();
    expect(reliable({ ...base(), failureShare: arrivalAccount(syncOf(doc)).failureShare })).toBe(
      false,
    );
  });

  it("never counts a sync error response as within, however fast", () => {
    // Prepare: 1,000 responses at 10 ms, 30 of them HTTP 500
    const doc = syncRun(repeat(1000, 10), { succeeded: 970, failed: 30 });

    // Act
    const [c] = checkObjectives(syncOf(doc), p99);

    // Assess
    expect(c?.within).toBe(970);
    expect(c?.met).toBe(false);
  });

  it("settles a met objective when its interval's lower bound clears the target", () => {
    // Prepare: 10,000 arrivals within: Wilson lower bound 1 - 3.84 / 10,003.8 = 0.99962
    const doc = syncRun(repeat(10_000, 50), {});

    // Act
    const [c] = checkObjectives(syncOf(doc), p99);

    // Assess
    expect(c?.conclusive).toBe(true);
    expect(c?.interval.lower ?? 0).toBeGreaterThanOrEqual(0.99);
  });

  it("says how many arrivals would settle an inconclusive share (from the interval's width)", () => {
    // Prepare: 992 of 1,000 within: 99.2 %, interval 98.4-99.6 % straddles 99 %
    const doc = syncRun([...repeat(992, 50), ...repeat(8, 900)], {});

    // Act
    const [c] = checkObjectives(syncOf(doc), p99);
    const n = c?.arrivalsToSettle ?? 0;

    // Assess: at n arrivals the same share's interval clears 99 %, at 1 % fewer it does not
    const z = Z_SCORES[0.95];
    expect(c?.conclusive).toBe(false);
    expect(wilsonInterval(0.992 * n, n, z).lower).toBeGreaterThanOrEqual(0.99);
    const fewer = Math.floor(n * 0.99);
    expect(wilsonInterval(0.992 * fewer, fewer, z).lower).toBeLessThan(0.99);
    expect(c?.secondsToSettle ?? 0).toBeGreaterThan(0);
  });

  it("counts every outcome of the async design as an arrival: failed, DLQ'd, lost", () => {
    // Prepare
    const doc = withArchitecture(fixtureResult({ burstMultiplier: 1 }), "async", (a) => ({
      ...a,
      counters: { ...a.counters, scheduled: 0, missed: 2, failed: 3, timeouts: 1, dlq: 4, lost: 5 },
    }));
    const async = doc.architectures.find((a) => a.architecture === "async");

    // Act
    const account = async ? arrivalAccount(async) : null;

    // Assess: succeeded + 3 + 1 + 2 + 4 + 5
    expect(account?.arrivals).toBe((async?.counters.succeeded ?? 0) + 15);
    expect(account?.failureShare).toBeCloseTo(15 / (account?.arrivals ?? 1), 12);
  });

  it("counts the outcomes, not the schedule's expected count, and shows what was never offered", () => {
    // Prepare: an interrupted run: 1,000 scheduled, 600 offered and answered
    const doc = syncRun(repeat(600, 50), { scheduled: 1000 });

    // Act
    const account = arrivalAccount(syncOf(doc));

    // Assess
    expect(account.arrivals).toBe(600);
    expect(account.notOffered).toBe(400);
    expect(account.failureShare).toBe(0);
  });
});

describe("the one failure rule of both designs", () => {
  it("holds a design with exactly 1 % of its arrivals failed reliable, and 1 more unreliable", () => {
    // Prepare
    const atLimit = syncRun(repeat(990, 50), { failed: 10, succeeded: 990, scheduled: 1000 });
    const over = syncRun(repeat(989, 50), { failed: 11, succeeded: 989, scheduled: 1000 });

    // Act
    const a = arrivalAccount(syncOf(atLimit));
    const b = arrivalAccount(syncOf(over));

    // Assess
    expect(a.failureShare).toBe(0.01);
    expect(reliable({ ...base(), failureShare: a.failureShare })).toBe(true);
    expect(reliable({ ...base(), failureShare: b.failureShare })).toBe(false);
  });

  it("does not migrate away from a service only because its timeouts were hidden", () => {
    // Prepare: both fast; sync loses 2 % to timeouts: sync misses p99 over all arrivals
    const doc = syncRun(repeat(980, 20), { sent: 1000, timeouts: 20, scheduled: 1000 });

    // Act
    const advice = advise(
      doc,
      { ...profile(), objectives: parseObjectives("p99=5s") },
      choosePrices(),
    );

    // Assess
    const sync = advice.objectives.find((c) => c.architecture === "sync");
    expect(sync?.met).toBe(false);
    expect(advice.reasons.join(" ")).toMatch(
      /Failures, sync: 20 of 1,000 arrivals did not succeed \(2%, over the 1% limit: unreliable\): 0 failed, 20 timed out/,
    );
  });
});

function base() {
  return { meetsObjectives: true, objectivesConclusive: true, failureShare: 0, lost: 0 };
}

function profile() {
  return { monthlyRequests: 2e6, shape: "steady" as const, peakRate: null, objectives: p99 };
}
