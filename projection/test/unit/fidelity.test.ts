// The fidelity replay: a run's own settings and arrivals in, errors against what it measured out.
import { readFileSync } from "node:fs";
import {
  type ArchitectureResult,
  assertResultDocument,
  type ResultDocument,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { localHost } from "../../src/calibration/local-host.js";
import {
  combineSeeds,
  FIDELITY_GOALS,
  FIDELITY_SEEDS,
  type FidelityRow,
  freshInvocations,
  replayFidelity,
} from "../../src/index.js";
import { localRun } from "./local-run.js";

// Real runs: the default suite's steady and spike scenarios on this 2-core VM, 2026-12-01
// 23:45 UTC, load average about 1 (results/<id>/result.json as `npm run bench` wrote them).
const fixture = (name: string) =>
  assertResultDocument(
    JSON.parse(readFileSync(new URL(`../fixtures/${name}.result.json`, import.meta.url), "utf8")),
  );

const find = (rows: readonly FidelityRow[], design: string, metric: string) =>
  rows.find((r) => r.design === design && r.metric === metric) as FidelityRow;

/** Asserts every row's error is within its goal, naming the figure that is not. */
function expectWithinGoals(rows: readonly FidelityRow[]): void {
  for (const r of rows)
    expect(Math.abs(r.error), `${r.design} ${r.metric}`).toBeLessThanOrEqual(r.goal);
}

describe("replaying a run in the projection", () => {
  it("gives each design's throughput, p50 and p99 with the error against the goals", () => {
    // Act: the fixture run offers 40 req/s for 40 s to 2 workers (~12 ms) and 2 environments.
    const rows = replayFidelity(localRun());

    // Assess
    expect(rows.map((r) => `${r.design} ${r.metric}`)).toEqual([
      "sync throughput",
      "sync p50",
      "sync p99",
      "async throughput",
      "async p50",
      "async p99",
    ]);
    for (const r of rows) {
      expect(r.error).toBeCloseTo(r.projected / r.run - 1, 12);
      expect(r.goal).toBe(FIDELITY_GOALS[r.metric]);
      expect(r.met).toBe(Math.abs(r.error) <= r.goal);
    }
    // The replay offers the run's own 1,600 arrivals inside its 40 s measure phase (a Poisson
    // draw of that many has a 2.5 % standard error), and nothing is lost at 40 req/s.
    for (const r of rows.filter((x) => x.metric === "throughput")) {
      expect(r.run).toBe(40);
      expect(Math.abs(r.error), r.design).toBeLessThan(0.001);
    }
    // Sync latency is queueing + the measured service time (~12 ms) at utilisation ~0.24.
    const p50 = find(rows, "sync", "p50");
    expect(p50.projected).toBeGreaterThan(10);
    expect(p50.projected).toBeLessThan(20);
  });

  it("reproduces a quiet steady run within the goals, async p99 aside", () => {
    // Act
    const rows = replayFidelity(fixture("quiet-steady"));

    // Assess: the async p99 (-37 % here) misses: see README, "Fidelity against real runs".
    expectWithinGoals(rows.filter((x) => !(x.design === "async" && x.metric === "p99")));
  });

  it("reproduces a quiet spike run within the goals, async percentiles aside", () => {
    // Act
    const rows = replayFidelity(fixture("quiet-spike"));

    // Assess: the sync side and both throughputs are within the goals. The async tail comes from
    // the 2-core host running out of CPU: replayed on the host's cores it reaches about a quarter
    // of the run's p99 (without the host model 15 %; this run of 2026-12-01 says nothing of a
    // fresh environment's slow first analyses, and its handler work is refitted to wall times
    // that INIT's CPU now stretches), and the p50 sits on the edge between the calm and the
    // spiked jobs (46 % of the arrivals), so it doubles (README).
    expectWithinGoals(rows.filter((x) => x.design === "sync" || x.metric === "throughput"));
    const p99 = find(rows, "async", "p99");
    expect(p99.projected / p99.run).toBeGreaterThan(0.2);
  });
});

// 2026-12-02 runs with the stage histograms a replay now draws from (enqueue, handlerCpu,
// resultDelivery; the spike also the calm jobs' hops) and CPU groups beside the host's processes:
// steady 06:43 (load about 2, the run's own), spike 07:25 (no other session's process ran).
describe("replaying a run with its measured work and calm hops", () => {
  it("reproduces a quiet steady run within every goal", () => {
    // Act
    const rows = replayFidelity(fixture("quiet2-steady"));

    // Assess
    expectWithinGoals(rows);
  });

  it("forms the spike's backlog on the host's cores, short of the run's", () => {
    // Act
    const rows = replayFidelity(fixture("quiet2-spike"));

    // Assess: sync and both throughputs within the goals; the async replay queues at the burst
    // (p99 several times its p50; seed 1: 645 against 91 ms) but its tail stays far below the
    // run's, whose backlog lasted the whole burst (p50 328 ms, p99 2,126 ms; README, "Session 11")
    expectWithinGoals(rows.filter((x) => x.design === "sync" || x.metric === "throughput"));
    const p50 = find(rows, "async", "p50");
    const p99 = find(rows, "async", "p99");
    expect(p99.projected).toBeGreaterThan(3 * p50.projected);
    expect(p99.projected).toBeLessThan(p99.run);
  });
});

// The default suite's first steady and spike runs of 2026-12-03 15:26-15:32 UTC (nothing else
// running), with every environment's analyses by ordinal: a fresh environment's first analyses
// took 9.7-11.5x the warm CPU time (the first two; the 3rd-4th 5.7-7.2x).
/** A copy of `run` without one kind of ordinal groups (as a run written before they were). */
function withoutGroups(
  run: ResultDocument,
  key: "analysesByOrdinal" | "invocationsByOrdinal",
): ResultDocument {
  const older = structuredClone(run);
  for (const a of older.architectures) delete a[key];
  return older;
}

describe("replaying a run with its fresh environments' first analyses", () => {
  it("reproduces a quiet steady run within every goal", () => {
    const rows = replayFidelity(fixture("quiet3-steady"));
    expectWithinGoals(rows);
  });

  it("deepens the spike's stall at its onset by the new environments' slow first analyses", () => {
    // Prepare: the same run without its analyses by ordinal (as a run before 2026-12-03)
    const run = fixture("quiet3-spike");
    const older = withoutGroups(run, "analysesByOrdinal");
    const seeds = [1, 2, 3, 4, 5, 6, 7];

    // Act: one onset's depth is one draw of when the new environments start, so the median of
    // seven seeds is compared (as bench:projection-fidelity judges)
    const rows = combineSeeds(seeds.map((seed) => replayFidelity(run, seed)));
    const without = combineSeeds(seeds.map((seed) => replayFidelity(older, seed)));

    // Assess: both throughputs and p50s within the goals (the sync p99 is 32 % short over these
    // seeds); the burst meets the environments left after the warm-up, and the new ones' first
    // analyses (10-12x) on the host's cores deepen the replay's p99 (308 against 143 ms of the
    // run's 995 ms); still short of it
    expectWithinGoals(rows.filter((x) => x.metric !== "p99"));
    const p99 = find(rows, "async", "p99");
    const p99Without = find(without, "async", "p99");
    expect(p99.projected).toBeGreaterThan(1.2 * p99Without.projected);
    expect(p99.projected).toBeLessThan(p99.run);
  });
});

// An async-only spike run of 2026-12-03 17:38 UTC (`npm run bench -- --scenario spike --arch
// async`, nothing else running), with every environment's invocations by ordinal: a new
// environment's 1st and 2nd invocations took 14-16 ms of CPU beyond their analyses and the warm
// overhead, the 3rd 11 ms, the 4th-16th 1-3 ms each (about 60 ms per new environment in all).
describe("replaying a run with its fresh environments' first invocations", () => {
  it("runs the new environments' cold invocation work as theirs, no longer as background", () => {
    // Prepare: the same run without its invocations by ordinal (as a run before 2026-12-03 18:00)
    const run = fixture("quiet4-spike");
    const older = withoutGroups(run, "invocationsByOrdinal");
    const asyncOf = (d: ResultDocument) =>
      d.architectures.find((a) => a.architecture === "async") as ArchitectureResult;

    // Act
    const host = localHost(run, asyncOf(run));
    const hostWithout = localHost(older, asyncOf(older));
    const rows = replayFidelity(run);

    // Assess: the background per job is lower by the measured cold starts' extra work (4 new
    // environments x ~74 ms over 1,950 jobs), which the new environments now run themselves
    const extra = freshInvocations(asyncOf(run), "r")?.extra.reduce((a, b) => a + b, 0) ?? 0;
    const cold = asyncOf(run).lambda?.coldStarts ?? 0;
    const jobs = asyncOf(run).counters.sent;
    const perJob = (h: ReturnType<typeof localHost>) => h?.spec.background[0]?.cpuPerJob ?? 0;
    expect(cold * extra).toBeGreaterThan(0.1);
    expect(perJob(hostWithout) - perJob(host)).toBeGreaterThan(0.5 * ((cold * extra) / jobs));
    expectWithinGoals(rows.filter((x) => x.metric === "throughput"));
  });
});

// The default suite's first spike of 2026-12-04 21:28 UTC (sync then async; nothing else running),
// the shipped spike since session 12: three 10 s bursts to 90 req/s starting every 30 s, over 90 s at
// 30 req/s. Its async p99 (418 ms) is the 45th slowest of 4,500 jobs, inside the three onsets'
// tails, where the one-burst spike's was the 20th slowest of 1,950: two new environments' second
// batches, on the edge of the tail (README, "Session 12"). A regression guard on one run, not a
// validation of the model: the suite's second spike misses its p99 (+50.6 %), and the replay's
// INITs are 2-3x the run's (README).
describe("replaying a three-burst spike run", () => {
  it("reproduces every figure within the goals, judged as the benchmark does (FIDELITY_SEEDS' median)", () => {
    // Prepare
    const run = fixture("quiet5-spike");
    const seeds = Array.from({ length: FIDELITY_SEEDS }, (_, i) => i + 1);

    // Act
    const rows = combineSeeds(seeds.map((seed) => replayFidelity(run, seed)));

    // Assess: every figure of both designs (async p99 +15.4 %, its seeds 260-547 ms; +19.0 % and 78-598 before the grouped background)
    expect(rows).toHaveLength(6);
    expectWithinGoals(rows);
  });
});

describe("combining replays of several seeds", () => {
  const row = (metric: FidelityRow["metric"], run: number, projected: number): FidelityRow => ({
    design: "async",
    metric,
    run,
    projected,
    error: projected / run - 1,
    goal: FIDELITY_GOALS[metric],
    met: Math.abs(projected / run - 1) <= FIDELITY_GOALS[metric],
  });

  it("judges the median replay and keeps the seeds' range", () => {
    // Prepare: three seeds' p99s of a 600 ms run, one far off either way
    const bySeed = [150, 560, 900].map((p99) => [row("throughput", 40, 40), row("p99", 600, p99)]);

    // Act
    const [throughput, p99] = combineSeeds(bySeed);

    // Assess
    expect(p99?.projected).toBe(560);
    expect(p99?.error).toBeCloseTo(560 / 600 - 1, 12);
    expect(p99?.met).toBe(true);
    expect([p99?.min, p99?.max, p99?.seeds]).toEqual([150, 900, 3]);
    expect(throughput?.projected).toBe(40);
  });

  it("takes the mean of the middle two of an even number of seeds", () => {
    const [p99] = combineSeeds([100, 400, 200, 300].map((p) => [row("p99", 300, p)]));
    expect(p99?.projected).toBe(250);
    expect(p99?.met).toBe(true);
    expect(combineSeeds([[row("p99", 300, 100)]])[0]?.met).toBe(false);
  });
});
