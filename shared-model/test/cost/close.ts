import { expect } from "vitest";

/** Asserts `actual` is within 0.1% of the hand-computed `expected` (the brief's tolerance). */
export function expectClose(actual: number, expected: number): void {
  const tolerance = Math.abs(expected) * 0.001 + 1e-12;
  expect(Math.abs(actual - expected), `${actual} vs expected ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}
