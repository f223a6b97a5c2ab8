import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/**
 * The metrics engine's error catalogue: stable codes, never reused.
 */
export const MetricsErrorCodes = defineErrorCatalogue({
  QS_METRICS_INVALID_OPTIONS: {
    meaning: "A recorder option is missing or out of range.",
    fix: "Read `issues`: every offending option is listed with its allowed range.",
  },
  QS_METRICS_INVALID_HISTOGRAM: {
    meaning: "An encoded histogram could not be decoded (not compressed base64 HdrHistogram V2).",
    fix: "Pass the exact string produced by `Histogram.encode()`; check it was not truncated.",
  },
});

/** A stable code from the metrics catalogue. */
export type MetricsErrorCode = keyof typeof MetricsErrorCodes;

/** A typed error of the metrics engine; `code` is stable, `issues` lists bad options. */
export class MetricsError extends QueueshiftError<MetricsErrorCode> {
  override readonly name: string = "MetricsError";
}
