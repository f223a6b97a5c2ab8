import type { CustomerColumns } from "./columns.js";
import type { RfmSection } from "./response.js";
import { addAt, quantileSorted, round } from "./stats.js";

/** RFM segment names, in the order the response lists them (best customers first). */
export const RFM_SEGMENTS = [
  "Champions",
  "Loyal",
  "Potential Loyalist",
  "New",
  "About to Sleep",
  "At Risk",
  "Can't Lose",
  "Hibernating",
  "Lost",
] as const;
/** One of `RFM_SEGMENTS`. */
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

const [CHAMPIONS, LOYAL, POTENTIAL, NEW, SLEEP, AT_RISK, CANT_LOSE, HIBERNATING, LOST] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8,
];
/**
 * Segment index by [R - 1][FM - 1], where FM = ceil((F + M) / 2). Rows are R = 1..5 (5 = most
 * recent); the grid is the widely used R x F map (Putler / "RFM segmentation" notebooks) with F
 * replaced by the F-M average, and "Promising" folded into "New". Every cell is covered.
 */
const SEGMENT_GRID: readonly (readonly number[])[] = [
  [LOST, LOST, AT_RISK, AT_RISK, CANT_LOSE], // R = 1
  [HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE], // R = 2
  [SLEEP, SLEEP, SLEEP, LOYAL, LOYAL], // R = 3
  [NEW, POTENTIAL, POTENTIAL, LOYAL, LOYAL], // R = 4
  [NEW, POTENTIAL, POTENTIAL, CHAMPIONS, CHAMPIONS], // R = 5
];

/** Quintile cut points of a column: its 20th, 40th, 60th and 80th percentiles (type 7). */
export function quintileThresholds(column: Float64Array): [number, number, number, number] {
  const sorted = column.slice().sort();
  return [
    quantileSorted(sorted, 0.2),
    quantileSorted(sorted, 0.4),
    quantileSorted(sorted, 0.6),
    quantileSorted(sorted, 0.8),
  ];
}

/**
 * Ascending quintile score: 1 + the number of thresholds strictly below `value`. Equal values
 * always get equal scores; a value equal to a threshold falls in the lower quintile. With heavy
 * ties (many customers with frequency 1) some scores stay empty rather than splitting ties.
 */
export function scoreAscending(value: number, t: readonly number[]): number {
  let score = 1;
  for (let i = 0; i < 4; i++) if (value > (t[i] ?? Number.POSITIVE_INFINITY)) score++;
  return score;
}

/** The segment of a customer with scores R, F, M (each 1-5; R = 5 is the most recent). */
export function segmentOf(r: number, f: number, m: number): RfmSegment {
  const fm = (f + m + 1) >> 1;
  const index = SEGMENT_GRID[r - 1]?.[fm - 1];
  if (index === undefined) throw new RangeError(`RFM scores out of range: ${r}, ${f}, ${m}`);
  return RFM_SEGMENTS[index] ?? "Lost";
}

/** Quintile scores, segment counts and shares, and per-segment means of R, F and M. */
export function rfmSegments(cols: CustomerColumns): RfmSection {
  const tR = quintileThresholds(cols.recencyDays);
  const tF = quintileThresholds(cols.frequency);
  const tM = quintileThresholds(cols.monetary);
  const scores = new Uint32Array(15); // [recency 1-5, frequency 1-5, monetary 1-5]
  const k = RFM_SEGMENTS.length;
  const acc = new Float64Array(k * 4); // per segment: count, sum R, sum F, sum M
  for (let i = 0; i < cols.size; i++) {
    const rv = cols.recencyDays[i] ?? 0;
    const fv = cols.frequency[i] ?? 0;
    const mv = cols.monetary[i] ?? 0;
    // Recency is inverted: fewer days since the last purchase is better.
    const r = 6 - scoreAscending(rv, tR);
    const f = scoreAscending(fv, tF);
    const m = scoreAscending(mv, tM);
    addAt(scores, r - 1, 1);
    addAt(scores, 4 + f, 1);
    addAt(scores, 9 + m, 1);
    const s = (SEGMENT_GRID[r - 1]?.[((f + m + 1) >> 1) - 1] ?? LOST) * 4;
    addAt(acc, s, 1);
    addAt(acc, s + 1, rv);
    addAt(acc, s + 2, fv);
    addAt(acc, s + 3, mv);
  }
  const meanOrNull = (sum: number, n: number): number | null => (n === 0 ? null : round(sum / n));
  return {
    thresholds: { recencyDays: tR.map(round), frequency: tF.map(round), monetary: tM.map(round) },
    scoreCounts: {
      recency: Array.from(scores.subarray(0, 5)),
      frequency: Array.from(scores.subarray(5, 10)),
      monetary: Array.from(scores.subarray(10, 15)),
    },
    segments: RFM_SEGMENTS.map((segment, s) => {
      const n = acc[s * 4] ?? 0;
      return {
        segment,
        count: n,
        share: round(n / cols.size),
        meanRecencyDays: meanOrNull(acc[s * 4 + 1] ?? 0, n),
        meanFrequency: meanOrNull(acc[s * 4 + 2] ?? 0, n),
        meanMonetary: meanOrNull(acc[s * 4 + 3] ?? 0, n),
      };
    }),
  };
}
