import type { CustomerColumns } from "./columns.js";
import { inertiaOf, kmeansPlusPlus, lloyd, rfmFeatures } from "./kmeans.js";
import type { KmeansSection } from "./response.js";
import { round } from "./stats.js";

interface RawCluster {
  readonly size: number;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
}

/**
 * Largest first; equal sizes by higher spend, then more recent, then more frequent. Sorting on the
 * centroid (not the internal index) makes the order meaningful, and the last key keeps it total.
 */
function compareClusters(a: RawCluster & { index: number }, b: RawCluster & { index: number }) {
  return (
    b.size - a.size ||
    b.monetary - a.monetary ||
    a.recencyDays - b.recencyDays ||
    b.frequency - a.frequency ||
    a.index - b.index
  );
}

/**
 * Segments customers with k-means on normalised RFM features. Centroids are reported in original
 * units as the mean of each cluster's members; an empty cluster (possible only with fewer
 * distinct customers than k) reports its centre mapped back with expm1(z * std + mean).
 */
export function clusterCustomers(
  cols: CustomerColumns,
  k: number,
  maxIterations: number,
): KmeansSection {
  const features = rfmFeatures(cols);
  const result = lloyd(features.points, kmeansPlusPlus(features.points, k), maxIterations);
  const sums = new Float64Array(k * 3);
  const sizes = new Float64Array(k);
  const columns = [cols.recencyDays, cols.frequency, cols.monetary];
  for (let i = 0; i < cols.size; i++) {
    const c = result.assignment[i] ?? 0;
    sizes[c] = (sizes[c] ?? 0) + 1;
    columns.forEach((col, d) => {
      sums[c * 3 + d] = (sums[c * 3 + d] ?? 0) + (col[i] ?? 0);
    });
  }
  const centroidDim = (c: number, d: number): number => {
    const size = sizes[c] ?? 0;
    if (size > 0) return (sums[c * 3 + d] ?? 0) / size;
    const z = result.centers[c * 3 + d] ?? 0;
    return Math.expm1(z * (features.std[d] ?? 1) + (features.mean[d] ?? 0));
  };
  const raw = Array.from({ length: k }, (_, c) => ({
    index: c,
    size: sizes[c] ?? 0,
    recencyDays: centroidDim(c, 0),
    frequency: centroidDim(c, 1),
    monetary: centroidDim(c, 2),
  })).sort(compareClusters);
  return {
    k,
    features: "zscore-log1p-rfm",
    iterations: result.iterations,
    converged: result.converged,
    inertia: round(inertiaOf(features.points, result)),
    clusters: raw.map((c, position) => ({
      cluster: position,
      size: c.size,
      share: round(c.size / cols.size),
      centroid: {
        recencyDays: round(c.recencyDays),
        frequency: round(c.frequency),
        monetary: round(c.monetary),
      },
    })),
  };
}
