// Issue 13, fidelity replays: the host's CPU per second split into a base load, per job, per invocation.
import { readFileSync } from "node:fs";
import { type ArchitectureResult, assertResultDocument } from "@queueshift/shared-model";
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

// A real spike run (2026-12-03 17:38 UTC, async only) whose series is replaced by `cpu(sent, inv)`.
function spikeWith(cpu: (sent: number, inv: number) => number): ArchitectureResult {
  const doc = assertResultDocument(
    JSON.parse(
      readFileSync(new URL("../fixtures/quiet4-spike.result.json", import.meta.url), "utf8"),
    ),
  );
  const a = doc.architectures.find((x) => x.architecture === "async") as ArchitectureResult;
  const c = (name: string) => a.timeSeries.columns.indexOf(name);
  const [sent, inv, stack, harness] = ["sent", "invocations", "stackCpu", "harnessCpu"].map(c);
  const rows = a.timeSeries.rows.map((r) => {
    const out = [...r];
    const s = r[sent as number] ?? 0;
    const i = r[inv as number] ?? 0;
    out[stack as number] = cpu(s, i);
    out[harness as number] = 0;
    return out;
  });
  return { ...a, timeSeries: { ...a.timeSeries, rows } };
}

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
    const fit = nonNegativeLeastSquares(s.xx, s.xy, s.yy) as number[];
    expect(fit[0]).toBeCloseTo(4, 9);
    expect(fit[1]).toBe(0);
  });

  it("recovers a base load, CPU per job and per invocation from a spike's seconds", () => {
    // Prepare: 0.25 cores whatever the load, 7 ms per job sent, 4 ms per invocation
    const a = spikeWith((sent, inv) => 0.25 + 0.007 * sent + 0.004 * inv);

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

  it("gives the replay's host the run's fitted base load, scaled to its resources", () => {
    // Prepare: the real run as measured, whose broker keeps a base load (sampled 2026-12-04)
    const doc = assertResultDocument(
      JSON.parse(
        readFileSync(new URL("../fixtures/quiet4-spike.result.json", import.meta.url), "utf8"),
      ),
    );
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
