import { analyze, RFM_SEGMENTS, segmentOf } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { customer, inlineRequest } from "./fixtures.js";

// Ten customers: recency i days, frequency 11 - i, monetary 10 * (11 - i), for i = 1..10.
// Each column is a permutation of an arithmetic sequence, so the quintiles are easy by hand.
const ladder = Array.from({ length: 10 }, (_, j) => {
  const i = j + 1;
  return customer({ recencyDays: i, frequency: 11 - i, monetary: 10 * (11 - i) });
});

describe("RFM quintile scores and segments", () => {
  it("uses the 20/40/60/80 % type-7 quantiles as thresholds", () => {
    // Prepare
    const request = inlineRequest(ladder, ["rfm"]);

    // Act
    const rfm = analyze(request).rfm;

    // Assess
    // 1..10: h = 9p -> p = 0.2: x[1] + 0.8 (x[2] - x[1]) = 2.8; 0.4: 4.6; 0.6: 6.4; 0.8: 8.2.
    expect(rfm?.thresholds.recencyDays).toEqual([2.8, 4.6, 6.4, 8.2]);
    expect(rfm?.thresholds.frequency).toEqual([2.8, 4.6, 6.4, 8.2]);
    expect(rfm?.thresholds.monetary).toEqual([28, 46, 64, 82]);
    // Two customers per quintile in every dimension.
    expect(rfm?.scoreCounts).toEqual({
      recency: [2, 2, 2, 2, 2],
      frequency: [2, 2, 2, 2, 2],
      monetary: [2, 2, 2, 2, 2],
    });
  });

  it("inverts recency and maps scores to the documented segments", () => {
    // Prepare
    const request = inlineRequest(ladder, ["rfm"]);

    // Act
    const segments = analyze(request).rfm?.segments ?? [];

    // Assess
    // i = 1, 2: 1-2 days (R 5), frequency 10, 9 (F 5), monetary 100, 90 (M 5) -> Champions;
    // i = 3, 4: R 4, F 4, M 4 -> Loyal; i = 5, 6: R 3, FM 3 -> About to Sleep;
    // i = 7, 8: R 2, FM 2 -> Hibernating; i = 9, 10: R 1, FM 1 -> Lost.
    const counts = Object.fromEntries(segments.map((s) => [s.segment, s.count]));
    expect(counts).toEqual({
      Champions: 2,
      Loyal: 2,
      "Potential Loyalist": 0,
      New: 0,
      "About to Sleep": 2,
      "At Risk": 0,
      "Can't Lose": 0,
      Hibernating: 2,
      Lost: 2,
    });
    const champions = segments.find((s) => s.segment === "Champions");
    // Champions are i = 1, 2: recency (1 + 2) / 2, frequency (10 + 9) / 2, monetary (100 + 90) / 2.
    expect(champions).toEqual({
      segment: "Champions",
      count: 2,
      share: 0.2,
      meanRecencyDays: 1.5,
      meanFrequency: 9.5,
      meanMonetary: 95,
    });
    expect(segments.find((s) => s.segment === "New")?.meanMonetary).toBeNull();
  });

  it("gives equal values equal scores; a value on a threshold falls in the lower quintile", () => {
    // Prepare: frequency 1 x6, 2, 3, 4, 5.
    const frequencies = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
    const request = inlineRequest(
      frequencies.map((frequency) => customer({ frequency })),
      ["rfm"],
    );

    // Act
    const rfm = analyze(request).rfm;

    // Assess
    // h = 1.8 -> 1; h = 3.6 -> 1; h = 5.4 -> 1 + 0.4 * (2 - 1) = 1.4; h = 7.2 -> 3 + 0.2 * (4 - 3) = 3.2.
    expect(rfm?.thresholds.frequency).toEqual([1, 1, 1.4, 3.2]);
    // 1 is not above any threshold -> 1 (x6); 2 and 3 are above three -> 4; 4 and 5 above four -> 5.
    expect(rfm?.scoreCounts.frequency).toEqual([6, 0, 0, 2, 2]);
    // All recencies are equal: every threshold is 10, nobody is above one, so R = 6 - 1 = 5 for all.
    expect(rfm?.scoreCounts.recency).toEqual([0, 0, 0, 0, 10]);
  });

  it("maps every cell of the score grid to exactly one documented segment", () => {
    // Prepare
    const seen = new Set<string>();

    // Act
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(segmentOf(r, f, m));
    }

    // Assess
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    // FM = ceil((F + M) / 2): (1 + 1) -> 1, (3 + 4) -> 4, (2 + 3) -> 3, (5 + 4) -> 5.
    expect(segmentOf(5, 1, 1)).toBe("New");
    expect(segmentOf(1, 5, 5)).toBe("Can't Lose");
    expect(segmentOf(2, 3, 4)).toBe("At Risk");
    expect(segmentOf(4, 2, 3)).toBe("Potential Loyalist");
    expect(segmentOf(3, 5, 4)).toBe("Loyal");
    expect(() => segmentOf(0, 1, 1)).toThrow(RangeError);
  });
});
