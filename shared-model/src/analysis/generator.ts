import type { Customer } from "../contracts.js";
import type { CustomerColumns } from "./columns.js";
import { customersFromColumns } from "./columns.js";
import { createRng, cumulativeWeights, pickWeighted, type Rng } from "./prng.js";

/**
 * Acquisition channels: share of customers and a spend multiplier (on the log-normal's median),
 * so per-channel statistics differ the way they do in real marketing data.
 */
export const SYNTHETIC_CHANNELS = [
  { name: "direct", weight: 0.15, spendMultiplier: 1.3 },
  { name: "display", weight: 0.1, spendMultiplier: 0.7 },
  { name: "email", weight: 0.25, spendMultiplier: 1.2 },
  { name: "paid-search", weight: 0.22, spendMultiplier: 1.0 },
  { name: "referral", weight: 0.08, spendMultiplier: 1.5 },
  { name: "social", weight: 0.2, spendMultiplier: 0.8 },
] as const;

/** Campaigns: share of customers and the probability that a customer of that campaign converted. */
export const SYNTHETIC_CAMPAIGNS = [
  { name: "back-to-school", weight: 0.12, conversionProbability: 0.06 },
  { name: "black-friday", weight: 0.25, conversionProbability: 0.11 },
  { name: "holiday-gifts", weight: 0.18, conversionProbability: 0.08 },
  { name: "loyalty-rewards", weight: 0.08, conversionProbability: 0.22 },
  { name: "new-year", weight: 0.1, conversionProbability: 0.04 },
  { name: "spring-sale", weight: 0.15, conversionProbability: 0.07 },
  { name: "summer-promo", weight: 0.12, conversionProbability: 0.05 },
] as const;

/** Shape parameters of the synthetic population (units in comments). */
export const SYNTHETIC_SHAPE = {
  /** Median spend before the channel multiplier, in currency units. */
  medianSpend: 60,
  /** Standard deviation of ln(spend): 1.0 gives mean/median = e^0.5 ~ 1.65, a long tail. */
  logSpendSigma: 1,
  /** Expected purchases = 1 + frequencyPerLogSpend * ln(1 + spend / frequencySpendScale). */
  frequencyPerLogSpend: 2,
  /** Currency units; see `frequencyPerLogSpend`. */
  frequencySpendScale: 50,
  /** Days; mean recency of a one-purchase customer is base + span. */
  recencyBaseDays: 20,
  /** Days; shrinks as 1 / (1 + (frequency - 1) / 2), so frequent buyers were seen recently. */
  recencySpanDays: 200,
  /** Days; recency is capped at two years of history. */
  maxRecencyDays: 730,
} as const;

const channelCumulative = cumulativeWeights(SYNTHETIC_CHANNELS.map((c) => c.weight));
const campaignCumulative = cumulativeWeights(SYNTHETIC_CAMPAIGNS.map((c) => c.weight));
const channelLogMedian = SYNTHETIC_CHANNELS.map((c) =>
  Math.log(SYNTHETIC_SHAPE.medianSpend * c.spendMultiplier),
);

/** A geometric draw on {0, 1, 2, ...} with the given mean (inverse CDF, one uniform). */
function geometric(mean: number, rng: Rng): number {
  const u = rng.nextOpen(); // drawn even when unused, so every customer takes the same draws
  if (mean <= 0) return 0;
  const p = 1 / (1 + mean);
  return Math.floor(Math.log(u) / Math.log(1 - p));
}

/**
 * Generates the synthetic dataset in columnar form. Each customer consumes exactly seven draws in
 * a fixed order (channel, campaign, two for the normal, frequency, recency, conversion), so
 * customer i of size n equals customer i of any larger size with the same seed.
 */
export function generateColumns(size: number, seed: number): CustomerColumns {
  const s = SYNTHETIC_SHAPE;
  const rng = createRng(seed);
  const recencyDays = new Float64Array(size);
  const frequency = new Float64Array(size);
  const monetary = new Float64Array(size);
  const channel = new Uint16Array(size);
  const campaign = new Uint16Array(size);
  const converted = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const ch = pickWeighted(channelCumulative, rng);
    const ca = pickWeighted(campaignCumulative, rng);
    // Rounded to cents and whole days: real data looks like this, and the rounding absorbs any
    // last-bit difference in Math.log/exp/cos between engines.
    const spend = Math.exp((channelLogMedian[ch] ?? 0) + s.logSpendSigma * rng.normal());
    const m = Math.round(spend * 100) / 100;
    const expectedExtra = s.frequencyPerLogSpend * Math.log1p(m / s.frequencySpendScale);
    const f = 1 + geometric(expectedExtra, rng);
    const meanRecency = s.recencyBaseDays + s.recencySpanDays / (1 + (f - 1) / 2);
    const r = Math.min(s.maxRecencyDays, Math.floor(-Math.log(rng.nextOpen()) * meanRecency));
    const p = SYNTHETIC_CAMPAIGNS[ca]?.conversionProbability ?? 0;
    channel[i] = ch;
    campaign[i] = ca;
    monetary[i] = m;
    frequency[i] = f;
    recencyDays[i] = r;
    converted[i] = rng.next() < p ? 1 : 0;
  }
  return {
    size,
    recencyDays,
    frequency,
    monetary,
    channel,
    channelNames: SYNTHETIC_CHANNELS.map((c) => c.name),
    campaign,
    campaignNames: SYNTHETIC_CAMPAIGNS.map((c) => c.name),
    converted,
  };
}

/** Generates `size` synthetic customers from `seed` (mulberry32); identical on every machine. */
export function generateCustomers(size: number, seed: number): Customer[] {
  return customersFromColumns(generateColumns(size, seed));
}
