import { CostModelError } from "../cost-model-error.js";
import type { PriceTable } from "../price-table.js";
import { US_EAST_1 } from "./us-east-1.js";

/** Every built-in price table by region; us-east-1 first (the only region the sheet covers). */
export const PRICE_TABLES: Readonly<Record<string, PriceTable>> = Object.freeze({
  "us-east-1": US_EAST_1,
});

/** The built-in table of `region`; throws QS_COST_UNKNOWN_REGION naming the known regions. */
export function priceTableFor(region: string): PriceTable {
  const table = PRICE_TABLES[region];
  if (table === undefined) {
    throw new CostModelError("QS_COST_UNKNOWN_REGION", [
      {
        path: "region",
        message: `no price table for ${region}; known: ${Object.keys(PRICE_TABLES).join(", ")}`,
      },
    ]);
  }
  return table;
}
