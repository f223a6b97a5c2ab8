import type { LambdaPlatformError } from "./errors.js";

/** The fields of Lambda's REPORT log line for one invocation (aws-facts 1.4). */
export interface InvocationReport {
  readonly requestId: string;
  readonly environmentId: string;
  /** Handler time only; excludes init (aws-facts 1.4). */
  readonly durationMs: number;
  /** Rounded up to 1 ms (aws-facts 1.1); includes init on a cold invocation (aws-facts 1.2). */
  readonly billedDurationMs: number;
  readonly memorySizeMB: number;
  /** Peak RSS of the environment across all its invocations so far (aws-facts 1.4). */
  readonly maxMemoryUsedMB: number;
  /** Present only on the first invocation of an environment (aws-facts 1.4). */
  readonly initDurationMs?: number;
}

/** What one invocation produced: the handler's response, or a typed error; the report when known. */
export type InvocationResult = (
  | { readonly ok: true; readonly response: unknown; readonly report: InvocationReport }
  | { readonly ok: false; readonly error: LambdaPlatformError; readonly report?: InvocationReport }
) & {
  /** The runtime's CPU time for the invocation, ms, when it said (the built-in runtime does). */
  readonly cpuMs?: number;
};

/** Inputs measured for one invocation. */
export interface ReportInput {
  readonly requestId: string;
  readonly environmentId: string;
  readonly durationMs: number;
  readonly memorySizeMB: number;
  readonly maxRssKB: number;
  readonly initDurationMs?: number;
}

/**
 * Builds the REPORT fields. Billing follows container-image functions, which bill INIT
 * (aws-facts 1.2): billed = ceil(duration + init) at 1 ms granularity (aws-facts 1.1).
 */
export function buildReport(input: ReportInput): InvocationReport {
  const init = input.initDurationMs;
  return {
    requestId: input.requestId,
    environmentId: input.environmentId,
    durationMs: input.durationMs,
    billedDurationMs: Math.ceil(input.durationMs + (init ?? 0)),
    memorySizeMB: input.memorySizeMB,
    maxMemoryUsedMB: Math.ceil(input.maxRssKB / 1024),
    ...(init === undefined ? {} : { initDurationMs: init }),
  };
}

/**
 * Adds the INIT time of a retried (suppressed) first INIT to a cold invocation's report: Lambda
 * bills it with that invocation (aws-facts 0.1), at the same 1 ms granularity.
 */
export function withSuppressedInit(
  report: InvocationReport,
  suppressedMs: number,
): InvocationReport {
  const initDurationMs = (report.initDurationMs ?? 0) + suppressedMs;
  return {
    ...report,
    initDurationMs,
    billedDurationMs: Math.ceil(report.durationMs + initDurationMs),
  };
}

/** Renders the REPORT line as Lambda writes it to the function's log stream. */
export function formatReportLine(report: InvocationReport): string {
  const parts = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${report.billedDurationMs} ms`,
    `Memory Size: ${report.memorySizeMB} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMB} MB`,
  ];
  if (report.initDurationMs !== undefined) {
    parts.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  }
  return parts.join("\t");
}
