import type { CustomerColumns } from "./columns.js";
import { compareNames } from "./columns.js";
import type { ColumnSummary, DescriptiveSection } from "./response.js";
import { round, type Summary, summarizeSorted } from "./stats.js";

/**
 * Per-group views of the dataset: customers bucketed by a group index with a counting sort, so
 * each group's values are one contiguous slice (`offsets[g]` .. `offsets[g + 1]`).
 */
export interface Grouped {
  readonly offsets: Uint32Array;
  readonly order: Uint32Array;
}

/** Buckets row indices by `group` (stable: rows keep their dataset order within a group). */
export function groupRows(group: Uint16Array, groupCount: number): Grouped {
  const offsets = new Uint32Array(groupCount + 1);
  for (let i = 0; i < group.length; i++) {
    const slot = (group[i] ?? 0) + 1;
    offsets[slot] = (offsets[slot] ?? 0) + 1;
  }
  for (let g = 0; g < groupCount; g++) offsets[g + 1] = (offsets[g + 1] ?? 0) + (offsets[g] ?? 0);
  const cursor = offsets.slice(0, groupCount);
  const order = new Uint32Array(group.length);
  for (let i = 0; i < group.length; i++) {
    const g = group[i] ?? 0;
    order[cursor[g] ?? 0] = i;
    cursor[g] = (cursor[g] ?? 0) + 1;
  }
  return { offsets, order };
}

/** Copies a column in grouped order, then sorts each group's slice in place (once per column). */
function sortedByGroup(column: Float64Array, grouped: Grouped): Float64Array {
  const out = new Float64Array(column.length);
  for (let j = 0; j < grouped.order.length; j++) out[j] = column[grouped.order[j] ?? 0] ?? 0;
  for (let g = 0; g + 1 < grouped.offsets.length; g++) {
    out.subarray(grouped.offsets[g], grouped.offsets[g + 1]).sort();
  }
  return out;
}

function rounded(s: Summary): ColumnSummary {
  return {
    mean: round(s.mean),
    median: round(s.median),
    p90: round(s.p90),
    std: round(s.std),
    min: round(s.min),
    max: round(s.max),
  };
}

/** Count, mean, median, p90, population std, min and max of R, F and M for each channel. */
export function describeChannels(cols: CustomerColumns): DescriptiveSection {
  const grouped = groupRows(cols.channel, cols.channelNames.length);
  const monetary = sortedByGroup(cols.monetary, grouped);
  const frequency = sortedByGroup(cols.frequency, grouped);
  const recency = sortedByGroup(cols.recencyDays, grouped);
  const channels = cols.channelNames
    .map((name, g) => ({ name, from: grouped.offsets[g] ?? 0, to: grouped.offsets[g + 1] ?? 0 }))
    .filter((c) => c.to > c.from)
    .sort((a, b) => compareNames(a.name, b.name))
    .map(({ name, from, to }) => ({
      channel: name,
      count: to - from,
      monetary: rounded(summarizeSorted(monetary.subarray(from, to))),
      frequency: rounded(summarizeSorted(frequency.subarray(from, to))),
      recencyDays: rounded(summarizeSorted(recency.subarray(from, to))),
    }));
  return { standardDeviation: "population", quantileMethod: "linear-type7", channels };
}
