import type { Customer } from "../contracts.js";

/**
 * The dataset in columnar form: every analysis reads typed arrays, so the hot path never touches
 * per-customer objects. `channel` and `campaign` hold indices into the name tables.
 */
export interface CustomerColumns {
  readonly size: number;
  readonly recencyDays: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  readonly channel: Uint16Array;
  readonly channelNames: readonly string[];
  readonly campaign: Uint16Array;
  readonly campaignNames: readonly string[];
  readonly converted: Uint8Array;
}

/** Code-unit order: unlike `localeCompare`, it is the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Converts inline customers to columns. Name tables are in first-seen order. */
export function columnsFromCustomers(customers: readonly Customer[]): CustomerColumns {
  const size = customers.length;
  const recencyDays = new Float64Array(size);
  const frequency = new Float64Array(size);
  const monetary = new Float64Array(size);
  const channel = new Uint16Array(size);
  const campaign = new Uint16Array(size);
  const converted = new Uint8Array(size);
  const channels = new Map<string, number>();
  const campaigns = new Map<string, number>();
  // Inline datasets are capped at 10,000 customers (Limits), so the Uint16 indices cannot overflow.
  const indexOf = (names: Map<string, number>, name: string): number => {
    let index = names.get(name);
    if (index === undefined) {
      index = names.size;
      names.set(name, index);
    }
    return index;
  };
  customers.forEach((c, i) => {
    recencyDays[i] = c.recencyDays;
    frequency[i] = c.frequency;
    monetary[i] = c.monetary;
    channel[i] = indexOf(channels, c.channel);
    campaign[i] = indexOf(campaigns, c.campaign);
    converted[i] = c.converted ? 1 : 0;
  });
  return {
    size,
    recencyDays,
    frequency,
    monetary,
    channel,
    channelNames: [...channels.keys()],
    campaign,
    campaignNames: [...campaigns.keys()],
    converted,
  };
}

/** Converts columns back to customer objects with ids `c1`, `c2`, ... (used for synthetic data). */
export function customersFromColumns(cols: CustomerColumns): Customer[] {
  const out: Customer[] = new Array(cols.size);
  for (let i = 0; i < cols.size; i++) {
    out[i] = {
      id: `c${i + 1}`,
      recencyDays: cols.recencyDays[i] ?? 0,
      frequency: cols.frequency[i] ?? 0,
      monetary: cols.monetary[i] ?? 0,
      channel: cols.channelNames[cols.channel[i] ?? 0] ?? "",
      campaign: cols.campaignNames[cols.campaign[i] ?? 0] ?? "",
      converted: cols.converted[i] === 1,
    };
  }
  return out;
}
