import type { CustomerColumns } from "./columns.js";
import { compareNames } from "./columns.js";
import type { ConversionSection } from "./response.js";
import { round } from "./stats.js";

/**
 * Two-sided standard normal quantiles z = Phi^-1(1 - (1 - level) / 2): the nearest doubles to
 * sqrt(2) * erfinv(2p - 1) computed with mpmath at 40 digits (e.g. z(0.95) = 1.95996398454005423...).
 * They agree with the NIST/SEMATECH e-Handbook, table 1.3.6.7.1, to its printed precision.
 */
export const Z_SCORES = {
  0.8: 1.2815515655446004,
  0.9: 1.6448536269514726,
  0.95: 1.9599639845400543,
  0.99: 2.575829303548901,
} as const;
/** A confidence level the contract accepts. */
export type ConfidenceLevel = keyof typeof Z_SCORES;

/** Wilson score interval for x successes in n trials (Wilson 1927); clamped to [0, 1]. */
export function wilsonInterval(x: number, n: number, z: number): { lower: number; upper: number } {
  if (n === 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

function stats(customers: number, conversions: number, z: number) {
  const { lower, upper } = wilsonInterval(conversions, customers, z);
  return {
    customers,
    conversions,
    rate: round(conversions / customers),
    lower: round(lower),
    upper: round(upper),
  };
}

/** Conversion rate with a Wilson interval per campaign (sorted by name) and overall. */
export function conversionByCampaign(
  cols: CustomerColumns,
  confidenceLevel: ConfidenceLevel,
): ConversionSection {
  const z = Z_SCORES[confidenceLevel];
  const k = cols.campaignNames.length;
  const customers = new Uint32Array(k);
  const conversions = new Uint32Array(k);
  let total = 0;
  for (let i = 0; i < cols.size; i++) {
    const c = cols.campaign[i] ?? 0;
    const x = cols.converted[i] ?? 0;
    customers[c] = (customers[c] ?? 0) + 1;
    conversions[c] = (conversions[c] ?? 0) + x;
    total += x;
  }
  const campaigns = cols.campaignNames
    .map((campaign, c) => ({ campaign, n: customers[c] ?? 0, x: conversions[c] ?? 0 }))
    .filter((c) => c.n > 0)
    .sort((a, b) => compareNames(a.campaign, b.campaign))
    .map((c) => ({ campaign: c.campaign, ...stats(c.n, c.x, z) }));
  return {
    confidenceLevel,
    interval: "wilson",
    overall: stats(cols.size, total, z),
    campaigns,
  };
}
