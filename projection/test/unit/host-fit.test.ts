// Issue 13, fidelity replays: the host's CPU per second split into a base load, per job, per invocation.
import { readFileSync } from "node:fs";
import {
  type ArchitectureResult,
  assertResultDocument,
  type ResultDocument,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  cpuPerJobAndInvocation,
  localHost,
  nonNegativeLeastSquares,
} from "../../src/calibration/local-host.js";

// The normal equations' sums of rows `x` against `y`.
function sums(x: readonly (readonly number[])[], y: readonly number[]) {
  const n = (x[0] as readonly number[]).length;
  const xx = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      x.reduce((s, r) => s + (r[i] as number) * (r[j] as number), 0),
    ),
  );
  const xy = Array.from({ length: n }, (_, i) =>
    x.reduce((s, r, k) => s + (r[i] as number) * (y[k] as number), 0),
  );
  const yy = y.reduce((s, v) => s + v * v, 0);
  return { xx, xy, yy };
}

const fixture = (name: string) =>
  assertResultDocument(
    JSON.parse(readFileSync(new URL(`../fixtures/${name}.result.json`, import.meta.url), "utf8")),
  );

// A real run (default: the async-only spike of 2026-12-03 17:38 UTC) whose host CPU is replaced by
// `cpu(sent, inv, length)` CPU-seconds in each row of the series (`length` seconds long).
function runWith(
  cpu: (sent: number, inv: number, length: number) => number,
  name = "quiet4-spike",
): { doc: ResultDocument; a: ArchitectureResult } {
  const doc = fixture(name);
  const a = doc.architectures.find((x) => x.architecture === "async") as ArchitectureResult;
  const c = (name: string) => a.timeSeries.columns.indexOf(name);
  const [sent, inv, stack, harness] = ["sent", "invocations", "stackCpu", "harnessCpu"].map(c);
  const t = c("t");
  let previous = Number.NaN;
  const rows = a.timeSeries.rows.map((r) => {
    const out = [...r];
    const end = r[t] ?? 0;
    const length = Number.isNaN(previous) ? a.timeSeries.intervalSeconds : end - previous;
    previous = end;
    // stackCpu is cores over the row
    out[stack as number] = cpu(r[sent as number] ?? 0, r[inv as number] ?? 0, length) / length;
    out[harness as number] = 0;
    return out;
  });
  const replaced = { ...a, timeSeries: { ...a.timeSeries, rows } };
  return {
    doc: {
      ...doc,
      architectures: doc.architectures.map((x) => (x.architecture === "async" ? replaced : x)),
    },
    a: replaced,
  };
}
const spikeWith = (cpu: (sent: number, inv: number, length: number) => number) => runWith(cpu).a;

describe("the host's CPU fit", () => {
  it("solves non-negative least squares exactly when the data allow, clamping a negative term", () => {
    // Prepare: y = 2 a + 3 b exactly, and y = 2 a - 1 b (b would be negative)
    const x = [
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ];
    const exact = sums(
      x,
      x.map((r) => 2 * (r[0] as number) + 3 * (r[1] as number)),
    );
    const negative = sums(
      x,
      x.map((r) => 2 * (r[0] as number) - (r[1] as number)),
    );

    // Act
    const a = nonNegativeLeastSquares(exact.xx, exact.xy, exact.yy);
    const b = nonNegativeLeastSquares(negative.xx, negative.xy, negative.yy);

    // Assess: the exact fit, and for the second the best fit on a alone (b pinned at 0):
    // sum(x_a y) / sum(x_a^2) = (2 + 0 + 1 + 6) / 6 = 1.5
    expect(a?.[0]).toBeCloseTo(2, 9);
    expect(a?.[1]).toBeCloseTo(3, 9);
    expect(b).toEqual([1.5, 0]);
  });

  it("answers zero when no non-negative term lowers the residual", () => {
    // y falls as x rises: the best non-negative fit is none at all
    const s = sums([[1], [2], [3]], [-1, -2, -3]);
    expect(nonNegativeLeastSquares(s.xx, s.xy, s.yy)).toEqual([0]);
  });

  it("gives identical regressors' share to the first of them", () => {
    const x = [
      [1, 1],
      [2, 2],
      [3, 3],
    ];
    const s = sums(
      x,
      x.map((r) => 4 * (r[0] as number)),
    );
    const fit = nonNegativeLeastSquares(s.xx, s.xy, s.yy);
    expect(fit[0]).toBeCloseTo(4, 9);
    expect(fit[1]).toBe(0);
  });

  it("recovers a base load, CPU per job and per invocation from a spike's seconds", () => {
    // Prepare: 0.25 cores whatever the load, 7 ms per job sent, 4 ms per invocation
    const a = spikeWith((sent, inv, length) => 0.25 * length + 0.007 * sent + 0.004 * inv);

    // Act
    const split = cpuPerJobAndInvocation(a);

    // Assess
    expect(split?.baseCores).toBeCloseTo(0.25, 6);
    expect(split?.perJob).toBeCloseTo(0.007, 8);
    expect(split?.perInvocation).toBeCloseTo(0.004, 8);
  });

  it("puts no base load on a host whose CPU goes with its jobs alone", () => {
    const split = cpuPerJobAndInvocation(spikeWith((sent) => 0.02 * sent));
    expect(split?.baseCores).toBeCloseTo(0, 9);
    expect(split?.perJob).toBeCloseTo(0.02, 9);
  });

  it("fits no base load on a run at one rate, where it cannot be told from the cost per job", () => {
    // Prepare: a steady run (40 req/s throughout) whose host spends 0.3 cores + 10 ms a job
    const { a } = runWith((sent, _inv, length) => 0.3 * length + 0.01 * sent, "quiet2-steady");

    // Act
    const split = cpuPerJobAndInvocation(a);

    // Assess: the base goes to the jobs' work (0.3 cores over ~40 jobs a second is ~7.5 ms a job;
    // each job was an invocation of its own, so the two share it as the noise falls)
    expect(split?.baseCores).toBe(0);
    const perJobOfBoth = (split?.perJob ?? 0) + (split?.perInvocation ?? 0);
    expect(perJobOfBoth).toBeGreaterThan(0.015);
    expect(perJobOfBoth).toBeLessThan(0.02);
  });

  it("fits through zero when a base load would leave no work per job beyond the handler's", () => {
    // Prepare: 0.5 cores whatever the load and 2 ms a job, less than the handler's own ~6.8 ms
    const { doc, a } = runWith((sent, _inv, length) => 0.5 * length + 0.002 * sent);

    // Act
    const host = localHost(doc, a);

    // Assess: with the base, nothing would be queued for the broker; without it, work per job or
    // per invocation is
    const bg = host?.spec.background[0];
    expect(cpuPerJobAndInvocation(a)?.baseCores).toBeGreaterThan(0.4);
    expect(host?.spec.baseCores).toBe(0);
    expect((bg?.cpuPerJob ?? 0) + (bg?.cpuPerInvocation ?? 0)).toBeGreaterThan(0.005);
  });

  it("keeps one background thread a job's calls when all the work is per invocation", () => {
    // Prepare: a host whose CPU goes with the invocations alone (no work per job)
    const { doc, a } = runWith((_sent, inv, length) => 0.25 * length + 0.02 * inv);

    // Act
    const bg = localHost(doc, a)?.spec.background[0];

    // Assess: a request is an invocation's work, not 0 (which would run every thread whenever
    // anything is queued)
    expect(bg?.cpuPerJob).toBe(0);
    expect(bg?.cpuPerInvocation).toBeGreaterThan(0);
    expect(bg?.requestCpu).toBeCloseTo(bg?.cpuPerInvocation ?? Number.NaN, 12);
  });

  it("gives the replay's host the run's fitted base load, scaled to its resources", () => {
    // Prepare: the real run as measured, whose broker keeps a base load (sampled 2026-12-04)
    const doc = fixture("quiet4-spike");
    const a = doc.architectures.find((x) => x.architecture === "async") as ArchitectureResult;

    // Act
    const host = localHost(doc, a);
    const split = cpuPerJobAndInvocation(a);

    // Assess: the host's base load is the fit's, scaled to the run's resources (their total and
    // the fit's agree within a few per cent here), and is stated as an assumption
    const base = host?.spec.baseCores ?? Number.NaN;
    expect(split?.baseCores).toBeGreaterThan(0.1);
    expect(base / (split?.baseCores ?? Number.NaN)).toBeGreaterThan(0.9);
    expect(base / (split?.baseCores ?? Number.NaN)).toBeLessThan(1.1);
    const assumption = host?.assumptions.find((x) => x.name === "host.backgroundBase");
    expect(assumption?.value).toBeCloseTo(base, 3);
    expect(assumption?.unit).toBe("cores");
  });
});
