import { ReportError } from "../errors.js";

/** Metrics `compare` diffs, in table order. */
export const CompareMetrics = [
  "p50",
  "p90",
  "p99",
  "p99.9",
  "max",
  "throughput",
  "errorRate",
] as const;

/** A compared metric. */
export type CompareMetric = (typeof CompareMetrics)[number];

/** Regression thresholds in percent; null = never flagged. */
export type Thresholds = Readonly<Record<CompareMetric, number | null>>;

/**
 * Defaults: latency percentiles may grow by 10 % (p99.9 by 20 %: fewer samples, more noise)
 * before a regression is flagged; max is a single sample and only shown; throughput may drop
 * by 10 %; the error rate may grow by 1 percentage point (absolute, not relative).
 */
export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  p50: 10,
  p90: 10,
  p99: 10,
  "p99.9": 20,
  max: null,
  throughput: 10,
  errorRate: 1,
});

const ALIASES: Record<string, CompareMetric> = {
  p50: "p50",
  p90: "p90",
  p99: "p99",
  "p99.9": "p99.9",
  p999: "p99.9",
  max: "max",
  throughput: "throughput",
  errorrate: "errorRate",
  "error-rate": "errorRate",
  errors: "errorRate",
};

/** Parses `p99=10%,throughput=5%,max=off` over the defaults; throws QS_REPORT_USAGE naming the bad part. */
export function parseThresholds(text: string, base: Thresholds = DEFAULT_THRESHOLDS): Thresholds {
  const out: Record<CompareMetric, number | null> = { ...base };
  for (const part of text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")) {
    const m = /^([\w.-]+)\s*=\s*(off|\d+(?:\.\d+)?\s*%?)$/i.exec(part);
    const metric = m ? ALIASES[(m[1] ?? "").toLowerCase()] : undefined;
    if (m === null || metric === undefined) {
      throw new ReportError(
        "QS_REPORT_USAGE",
        `--threshold "${part}": expected <metric>=<percent>% with metric one of ${CompareMetrics.join(", ")}`,
      );
    }
    const value = (m[2] ?? "").toLowerCase();
    out[metric] = value === "off" ? null : Number.parseFloat(value);
  }
  return Object.freeze(out);
}
