import type { TieredPrice } from "./price-table.js";

/** Cost in USD of `quantity` units (monthly total) under cumulative volume tiers. */
export function tieredCost(quantity: number, price: TieredPrice): number {
  let cost = 0;
  let floor = 0;
  for (const tier of price.tiers) {
    const ceiling = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.min(quantity, ceiling) - floor;
    if (inTier <= 0) break;
    cost += (inTier / price.per) * tier.price;
    floor = ceiling;
  }
  return cost;
}

/**
 * Tiered cost with the first `freeUnits` free. The free units come off the bottom of the first
 * tier while the breakpoints still count all usage, which is how AWS applies a free tier.
 */
export function tieredCostAfterFree(
  quantity: number,
  price: TieredPrice,
  freeUnits: number,
): number {
  return tieredCost(quantity, price) - tieredCost(Math.min(quantity, freeUnits), price);
}

/** The first tier's price (USD per `per` units): the marginal rate at low volume. */
export function firstTierPrice(price: TieredPrice): number {
  return price.tiers[0]?.price ?? 0;
}
