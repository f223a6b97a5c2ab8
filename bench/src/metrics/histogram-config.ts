// The layout lives in shared-model so the projection encodes histograms the same way.
export { HISTOGRAM_LAYOUT } from "@queueshift/shared-model";

/** Percentiles every report shows, whatever the spectrum resolution. */
export const REPORT_PERCENTILES = Object.freeze([0, 50, 75, 90, 99, 99.9, 99.99, 100] as const);
