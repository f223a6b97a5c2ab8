/**
 * The metrics engine's error catalogue: stable codes, never reused.
 */
export const MetricsErrorCodes = {
  QS_METRICS_INVALID_OPTIONS: {
    meaning: "A recorder option is missing or out of range.",
    fix: "Read `details`: every offending option is listed with its allowed range.",
  },
  QS_METRICS_INVALID_HISTOGRAM: {
    meaning: "An encoded histogram could not be decoded (not compressed base64 HdrHistogram V2).",
    fix: "Pass the exact string produced by `Histogram.encode()`; check it was not truncated.",
  },
} as const;

/** A stable code from the metrics catalogue. */
export type MetricsErrorCode = keyof typeof MetricsErrorCodes;

/** One invalid option: its path and what is wrong with it. */
export interface MetricsIssue {
  readonly path: string;
  readonly message: string;
}

/** A typed error of the metrics engine; `code` is stable, `details` lists bad options. */
export class MetricsError extends Error {
  readonly code: MetricsErrorCode;
  readonly details: readonly MetricsIssue[];

  constructor(
    code: MetricsErrorCode,
    message: string,
    options: { details?: readonly MetricsIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MetricsError";
    this.code = code;
    this.details = options.details ?? [];
  }
}
