import type { CustomerColumns } from "./columns.js";
import { createRng } from "./prng.js";
import { addAt } from "./stats.js";

/** Seed of the k-means++ initialisation: fixed, so the same data always gives the same clusters. */
export const KMEANS_SEED = 0x5eed_c0de;
const D = 3; // features per point: recency, frequency, monetary

/** Points in normalised space (row-major, D per point) plus what is needed to go back. */
export interface FeatureMatrix {
  readonly points: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * z-scores of log1p(recencyDays), log1p(frequency), log1p(monetary). The log tames the long
 * right tails (whales would otherwise be clusters of one); the z-score gives each dimension equal
 * weight. A constant column has std 0 and is mapped to 0.
 */
export function rfmFeatures(cols: CustomerColumns): FeatureMatrix {
  const n = cols.size;
  const points = new Float64Array(n * D);
  const sources = [cols.recencyDays, cols.frequency, cols.monetary];
  const mean = new Float64Array(D);
  const std = new Float64Array(D);
  sources.forEach((col, d) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.log1p(col[i] ?? 0);
      points[i * D + d] = v;
      sum += v;
    }
    const mu = sum / n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += ((points[i * D + d] ?? 0) - mu) ** 2;
    const sd = Math.sqrt(sq / n);
    const scale = sd > 0 ? sd : 1;
    for (let i = 0; i < n; i++) points[i * D + d] = ((points[i * D + d] ?? 0) - mu) / scale;
    mean[d] = mu;
    std[d] = scale;
  });
  return { points, mean, std };
}

function dist2(p: Float64Array, i: number, c: Float64Array, j: number): number {
  const a = (p[i * D] ?? 0) - (c[j * D] ?? 0);
  const b = (p[i * D + 1] ?? 0) - (c[j * D + 1] ?? 0);
  const e = (p[i * D + 2] ?? 0) - (c[j * D + 2] ?? 0);
  return a * a + b * b + e * e;
}

/** k-means++ (Arthur & Vassilvitskii 2007) driven by mulberry32 seeded with KMEANS_SEED. */
export function kmeansPlusPlus(points: Float64Array, k: number): Float64Array {
  const n = points.length / D;
  const rng = createRng(KMEANS_SEED);
  const centers = new Float64Array(k * D);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let chosen = Math.floor(rng.next() * n);
  for (let c = 0; c < k; c++) {
    if (c > 0) {
      let total = 0;
      for (let i = 0; i < n; i++) total += nearest[i] ?? 0;
      // All points sit on a centre already (fewer distinct points than k): any pick will do.
      chosen =
        total > 0 ? pickProportional(nearest, rng.next() * total) : Math.floor(rng.next() * n);
    }
    for (let d = 0; d < D; d++) centers[c * D + d] = points[chosen * D + d] ?? 0;
    for (let i = 0; i < n; i++) {
      const d2 = dist2(points, i, centers, c);
      if (d2 < (nearest[i] ?? 0)) nearest[i] = d2;
    }
  }
  return centers;
}

function pickProportional(weights: Float64Array, target: number): number {
  let acc = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (w <= 0) continue;
    acc += w;
    last = i;
    if (target < acc) return i;
  }
  return last;
}

/** Result of Lloyd's algorithm in normalised space. */
export interface LloydResult {
  readonly centers: Float64Array;
  readonly assignment: Int32Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Assigns every point to its nearest centre (ties: lowest index); returns how many moved. */
function assign(points: Float64Array, centers: Float64Array, assignment: Int32Array): number {
  const k = centers.length / D;
  let changed = 0;
  // The hot loop of the whole core: locals instead of helper calls, one pass over the points.
  for (let i = 0, o = 0; i < assignment.length; i++, o += D) {
    const x = points[o] ?? 0;
    const y = points[o + 1] ?? 0;
    const z = points[o + 2] ?? 0;
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0, q = 0; c < k; c++, q += D) {
      const a = x - (centers[q] ?? 0);
      const b = y - (centers[q + 1] ?? 0);
      const e = z - (centers[q + 2] ?? 0);
      const d2 = a * a + b * b + e * e;
      if (d2 < bestD) {
        bestD = d2;
        best = c;
      }
    }
    if (assignment[i] !== best) {
      assignment[i] = best;
      changed++;
    }
  }
  return changed;
}

/** Moves each centre to its members' mean; an empty cluster keeps its centre. */
function update(points: Float64Array, centers: Float64Array, assignment: Int32Array): void {
  const k = centers.length / D;
  const sums = new Float64Array(k * D);
  const counts = new Float64Array(k);
  for (let i = 0, o = 0; i < assignment.length; i++, o += D) {
    const q = (assignment[i] ?? 0) * D;
    addAt(counts, q / D, 1);
    addAt(sums, q, points[o] ?? 0);
    addAt(sums, q + 1, points[o + 1] ?? 0);
    addAt(sums, q + 2, points[o + 2] ?? 0);
  }
  for (let c = 0; c < k; c++) {
    const m = counts[c] ?? 0;
    if (m === 0) continue;
    for (let d = 0; d < D; d++) centers[c * D + d] = (sums[c * D + d] ?? 0) / m;
  }
}

/**
 * Lloyd's algorithm. An iteration assigns every point to its nearest centre and moves each centre
 * to its members' mean. It has converged when an assignment pass changes nothing, which makes the
 * centres an exact fixed point (no float tolerance to tune).
 */
export function lloyd(
  points: Float64Array,
  initial: Float64Array,
  maxIterations: number,
): LloydResult {
  const centers = initial.slice();
  const assignment = new Int32Array(points.length / D).fill(-1);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    if (assign(points, centers, assignment) === 0) {
      converged = true;
      break;
    }
    update(points, centers, assignment);
  }
  return { centers, assignment, iterations, converged };
}

/** Sum of squared distances of points to their assigned centre (normalised space). */
export function inertiaOf(points: Float64Array, r: LloydResult): number {
  let total = 0;
  for (let i = 0; i < r.assignment.length; i++)
    total += dist2(points, i, r.centers, r.assignment[i] ?? 0);
  return total;
}
