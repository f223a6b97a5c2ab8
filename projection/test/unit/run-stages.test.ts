// What a replay takes from a run's newer stage histograms: the handler's measured CPU time as its
// work (no refit), the delivery after the batch's end as the result hop, the way to the queue as
// the accept latency; and the older histograms when a run lacks them.
import { readFileSync } from "node:fs";
import { type ArchitectureResult, assertResultDocument } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { localHost } from "../../src/calibration/local-host.js";
import { localHops } from "../../src/calibration/local-stages.js";
import { calibrate, decodeHdr } from "../../src/index.js";
import { logNormalHistogram } from "./local-run.js";

// A real spike run (2026-12-01, written before the histograms below were recorded).
const spike = () =>
  assertResultDocument(
    JSON.parse(
      readFileSync(new URL("../fixtures/quiet-spike.result.json", import.meta.url), "utf8"),
    ),
  );

function withHistograms(extra: ArchitectureResult["histograms"]) {
  const doc = spike();
  const async = doc.architectures.find((a) => a.architecture === "async") as ArchitectureResult;
  const patched = { ...async, histograms: { ...async.histograms, ...extra } };
  return {
    doc: { ...doc, architectures: doc.architectures.map((a) => (a === async ? patched : a)) },
    async: patched,
  };
}

const meanMs = (h: ArchitectureResult["histograms"][string]) =>
  decodeHdr(h as NonNullable<typeof h>).mean / 1_000;

describe("a replay's inputs from the run's stage histograms", () => {
  it("draws the handler's work from its measured CPU time, without refitting it", () => {
    // Prepare: 9 ms of CPU per analysis, where the run's handler wall times average ~20 ms
    const cpu = logNormalHistogram(9, 2_000, 7);
    const { doc, async } = withHistograms({ handlerCpu: cpu });

    // Act
    const measured = localHost(doc, async);
    const plain = spike();
    const older = localHost(
      plain,
      plain.architectures.find((a) => a.architecture === "async") as ArchitectureResult,
    );

    // Assess: at 1,769 MB the environment's cap is one core, so the work is the CPU time itself
    expect(measured?.fitWork).toBe(false);
    expect((measured?.handlerWork.mean ?? 0) * 1_000).toBeCloseTo(meanMs(cpu), 0);
    expect(measured?.assumptions.map((a) => a.name)).toContain("host.handlerWork");
    // The run without the histogram: its wall times scaled down, to be refitted by the replay
    expect(older?.fitWork).toBe(true);
    expect(older?.assumptions.map((a) => a.name)).toContain("host.handlerWorkScale");
    // The background is what is left of the run's CPU once the handlers' work is taken out
    const bg = (h: typeof measured) => h?.spec.background[0]?.cpuPerJob ?? Number.NaN;
    expect(bg(measured)).toBeGreaterThan(0);
    expect(bg(measured)).not.toBeCloseTo(bg(older), 4);
  });

  it("takes the result hop from the delivery after the batch's end, else the wait after the record's", () => {
    // Prepare
    const delivery = logNormalHistogram(6, 2_000, 8);
    const { async } = withHistograms({ resultDelivery: delivery });
    const { async: olderAsync } = withHistograms({ resultWait: logNormalHistogram(30, 2_000, 9) });

    // Act
    const hops = localHops(async);
    const older = localHops(olderAsync);

    // Assess
    expect(hops.resultHop.description).toContain("resultDelivery");
    expect(hops.resultHop.mean * 1_000).toBeCloseTo(meanMs(delivery), 0);
    expect(older.resultHop.description).toContain("resultWait");
    expect(older.resultHop.mean * 1_000).toBeGreaterThan(20);
  });

  it("prefers the calm jobs' hops, when at least 100 jobs met no wait in the queue", () => {
    // Prepare: the calm jobs' delivery 5 ms, all jobs' 40 ms (a congested spike's)
    const calm = logNormalHistogram(5, 500, 11);
    const all = logNormalHistogram(40, 2_000, 12);
    const { async } = withHistograms({ resultDeliveryCalm: calm, resultDelivery: all });
    const { async: thin } = withHistograms({
      resultDeliveryCalm: logNormalHistogram(5, 99, 13),
      resultDelivery: all,
    });
    const { doc } = withHistograms({ enqueueCalm: logNormalHistogram(2, 500, 14) });

    // Act
    const hops = localHops(async);
    const thinHops = localHops(thin);
    const cal = calibrate(doc);

    // Assess
    expect(hops.resultHop.description).toContain("resultDeliveryCalm");
    expect(hops.resultHop.mean * 1_000).toBeCloseTo(meanMs(calm), 0);
    expect(thinHops.resultHop.description).not.toContain("Calm");
    expect(thinHops.resultHop.mean * 1_000).toBeCloseTo(meanMs(all), 0);
    expect(cal.assumptions.find((a) => a.name === "async.accept")?.source).toContain("enqueueCalm");
  });

  it("accepts a job in its time to the queue, else in its 202's round trip", () => {
    // Prepare: 2.5 ms to the queue against the run's ~12 ms mean 202
    const enqueue = logNormalHistogram(2.5, 2_000, 10);
    const { doc } = withHistograms({ enqueue });

    // Act
    const cal = calibrate(doc);
    const older = calibrate(spike());

    // Assess
    expect(cal.accept.mean * 1_000).toBeCloseTo(meanMs(enqueue), 0);
    expect(cal.assumptions.find((a) => a.name === "async.accept")?.source).toContain("enqueue");
    expect(older.accept.mean * 1_000).toBeGreaterThan(10);
    expect(older.assumptions.find((a) => a.name === "async.accept")?.source).toContain("submit");
  });
});
