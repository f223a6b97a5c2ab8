import { analyze } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { customer, inlineRequest } from "./fixtures.js";

// Three groups far apart on every dimension (and even further apart after log1p).
const whales = [1, 2, 3, 2, 1].map((r, i) =>
  customer({ recencyDays: r, frequency: 20 + i, monetary: 1000 + 20 * i }),
);
const lapsed = [300, 301, 302, 303, 304].map((r, i) =>
  customer({ recencyDays: r, frequency: 1, monetary: 10 + i }),
);
const regulars = [50, 52, 54, 56].map((r, i) =>
  customer({ recencyDays: r, frequency: 5, monetary: 100 + i }),
);

describe("k-means on normalised RFM", () => {
  it("finds obviously separated groups and reports member means in original units", () => {
    // Prepare
    const request = inlineRequest([...lapsed, ...regulars, ...whales], ["kmeans"], { k: 3 });

    // Act
    const km = analyze(request).kmeans;

    // Assess
    expect(km?.converged).toBe(true);
    // Size desc, then monetary desc: whales (5, ~1040) before lapsed (5, ~12), then regulars (4).
    expect(km?.clusters.map((c) => c.size)).toEqual([5, 5, 4]);
    // whales: recency (1+2+3+2+1)/5 = 1.8, frequency (20+...+24)/5 = 22, monetary 1000 + 20 * 2 = 1040.
    expect(km?.clusters[0]?.centroid).toEqual({ recencyDays: 1.8, frequency: 22, monetary: 1040 });
    // lapsed: recency 302, frequency 1, monetary 12.
    expect(km?.clusters[1]?.centroid).toEqual({ recencyDays: 302, frequency: 1, monetary: 12 });
    // regulars: recency 53, frequency 5, monetary 101.5.
    expect(km?.clusters[2]?.centroid).toEqual({ recencyDays: 53, frequency: 5, monetary: 101.5 });
    expect(km?.clusters.map((c) => c.cluster)).toEqual([0, 1, 2]);
    expect(km?.clusters.map((c) => c.share)).toEqual([0.357143, 0.357143, 0.285714]); // 5/14, 4/14
    expect(km?.inertia).toBeGreaterThan(0);
  });

  it("stops at the iteration budget and then says it did not converge", () => {
    // Prepare: one pass can only assign; convergence needs a second pass that changes nothing.
    const request = inlineRequest([...lapsed, ...regulars, ...whales], ["kmeans"], {
      k: 3,
      kmeansMaxIterations: 1,
    });

    // Act
    const km = analyze(request).kmeans;

    // Assess
    expect(km?.iterations).toBe(1);
    expect(km?.converged).toBe(false);
  });

  it("survives fewer distinct customers than k (an empty cluster keeps its centre)", () => {
    // Prepare
    const same = Array.from({ length: 4 }, () =>
      customer({ recencyDays: 7, frequency: 2, monetary: 100 }),
    );

    // Act
    const km = analyze(inlineRequest(same, ["kmeans"], { k: 2 })).kmeans;

    // Assess
    expect(km?.clusters.map((c) => c.size)).toEqual([4, 0]);
    expect(km?.inertia).toBe(0);
    for (const c of km?.clusters ?? []) {
      expect(c.centroid).toEqual({ recencyDays: 7, frequency: 2, monetary: 100 });
    }
  });
});
