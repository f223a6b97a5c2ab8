import { createRng } from "@queueshift/shared-model";
import { encodeIntoCompressedBase64 } from "hdr-histogram-js";
import { describe, expect, it } from "vitest";
import { FastHistogram } from "../../src/engine/fast-histogram.js";
import { newHdr, recordSeconds } from "../../src/index.js";

describe("FastHistogram", () => {
  it("gives the same HDR counts (and encoding) as recording every value directly", () => {
    // Prepare: values from 0 to past the layout's 1 h ceiling, log-uniform.
    const rng = createRng(42);
    const values = Array.from({ length: 200_000 }, () => 10 ** (rng.next() * 10 - 6.5));
    values.push(0, 0.000_001, 0.002_047, 0.002_048, 3_600, 7_200);
    const direct = newHdr();
    const fast = new FastHistogram();

    // Act
    for (const v of values) {
      recordSeconds(direct, v);
      fast.record(v);
    }
    const flushed = fast.toHdr();

    // Assess
    expect(flushed.totalCount).toBe(values.length);
    expect(encodeIntoCompressedBase64(flushed)).toBe(encodeIntoCompressedBase64(direct));
    for (const p of [0, 50, 90, 99, 99.9, 100])
      expect(flushed.getValueAtPercentile(p)).toBe(direct.getValueAtPercentile(p));
    expect(fast.count).toBe(0);
  });
});
