import type { PriceFigure } from "./price-table.js";

/** One line of a cost breakdown: what was counted, at what price, from which source. */
export interface LineItem {
  /** Stable id, e.g. `lambda.gbSeconds`, so reports can pick lines without parsing text. */
  readonly component: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  /** Average price actually paid (tiers and free tier included), in `priceUnit`. */
  readonly unitPrice: number;
  readonly priceUnit: string;
  /** USD for the month. */
  readonly cost: number;
  readonly source: string;
}

/** A monthly cost: line items, their total, and the assumptions a reader must know. */
export interface CostBreakdown {
  readonly architecture: "sync" | "async";
  readonly region: string;
  readonly asOf: string;
  readonly items: readonly LineItem[];
  /** USD for the month. */
  readonly total: number;
  readonly notes: readonly string[];
}

/** A line item whose unit price is derived from its cost, so tiered and free-tier lines stay consistent. */
export function lineItem(fields: Omit<LineItem, "unitPrice"> & { readonly per: number }): LineItem {
  const { per, ...rest } = fields;
  const unitPrice = fields.quantity > 0 ? (fields.cost / fields.quantity) * per : 0;
  return { ...rest, unitPrice };
}

/** Sums line items into a breakdown. */
export function breakdown(
  architecture: "sync" | "async",
  table: { readonly region: string; readonly asOf: string },
  items: readonly LineItem[],
  notes: readonly string[],
): CostBreakdown {
  const total = items.reduce((sum, item) => sum + item.cost, 0);
  return { architecture, region: table.region, asOf: table.asOf, items, total, notes };
}

/** A line item at one flat price: quantity x the figure's value, citing the figure's source. */
export function flatItem(
  fields: {
    readonly component: string;
    readonly description: string;
    readonly quantity: number;
    readonly unit: string;
  },
  figure: PriceFigure,
): LineItem {
  return lineItem({
    ...fields,
    cost: fields.quantity * figure.value,
    priceUnit: figure.unit,
    per: 1,
    source: `${figure.source} [${figure.confidence}]`,
  });
}
