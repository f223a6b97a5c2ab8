import {
  AnalyticsError,
  type AnalyzeRequest,
  type ErrorCode,
  type FieldIssue,
  parseAnalyzeRequest,
} from "@queueshift/shared-model";

/** Version of the job and result envelopes on the queues. */
export const ENVELOPE_VERSION = 1;

/**
 * Fault injection for benchmarks and tests. Only messages put on the queue directly carry it:
 * the enqueue API never sets it. `transient` fails until the message's receive count reaches
 * `untilReceiveCount`; `timeout` sleeps past the function timeout.
 */
export type JobFault =
  | { kind: "transient"; untilReceiveCount: number }
  | { kind: "sleep"; ms: number };

/** What the enqueue API puts on the jobs queue. */
export interface JobEnvelope {
  readonly v: typeof ENVELOPE_VERSION;
  readonly jobId: string;
  /** Epoch milliseconds (fractional) when the API accepted the job. */
  readonly submittedAt: number;
  readonly request: AnalyzeRequest;
  readonly fault?: JobFault;
}

/** Timings a result carries, all epoch milliseconds. */
export interface ResultTimings {
  readonly submittedAt: number;
  /** SQS SentTimestamp (whole ms). */
  readonly sentAt: number;
  /** SQS ApproximateFirstReceiveTimestamp (whole ms). */
  readonly firstReceivedAt: number;
  readonly handlerStartAt: number;
  readonly handlerEndAt: number;
  /** CPU milliseconds the environment's process spent on the analysis; absent where not measured. */
  readonly handlerCpuMs?: number;
  /** When the batch's results were handed to the publisher (after its last record); absent in older results. */
  readonly batchEndAt?: number;
}

/** Fields every result carries, succeeded or failed. */
interface ResultEnvelopeBase {
  readonly v: typeof ENVELOPE_VERSION;
  readonly jobId: string;
  readonly receiveCount: number;
  readonly environmentId: string;
  readonly coldStart: boolean;
  /**
   * This analysis's place among its environment's analyses (1 = its first): a fresh environment
   * runs its first ones before the JIT has compiled the code. Absent in older results.
   */
  readonly analysisOrdinal?: number;
  /**
   * The invocation's place among its environment's invocations (1 = its first): a fresh
   * environment's first ones are slow beyond their analyses (the runtime's, the parser's and the
   * publisher's code is cold too). Absent in older results.
   */
  readonly invocationOrdinal?: number;
  readonly timings: ResultTimings;
}

/**
 * What the handler publishes to the results queue for every job it completes: the analysis, or,
 * when the job ran but its outcome cannot be delivered as asked (a result over the results
 * queue's maximum message size), a failed result with a catalogue code. A failed result ends the
 * job: it is not retried, so the caller hears of it instead of a silent redelivery loop.
 */
export type ResultEnvelope =
  | (ResultEnvelopeBase & {
      readonly status: "succeeded";
      /** The analysis, exactly as the sync service's response body. */
      readonly analysis: unknown;
    })
  | (ResultEnvelopeBase & {
      readonly status: "failed";
      readonly error: { readonly code: ErrorCode; readonly message: string };
    });

function poison(message: string, issues: FieldIssue[] = []): AnalyticsError {
  return new AnalyticsError("QS_INVALID_REQUEST", `poison message: ${message}`, { issues });
}

/** Parses a queue message body into a job; a malformed one is poison (it fails every time). */
export function parseJobEnvelope(body: string): JobEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new AnalyticsError("QS_MALFORMED_JSON", "poison message: body is not JSON", { cause });
  }
  if (typeof value !== "object" || value === null) throw poison("body is not an object");
  const v = value as Record<string, unknown>;
  // A user's own front door puts the documented job envelope on the queue (README, "The job
  // envelope"): the same job, with the request as `payload` and the submit time as `enqueuedAt`.
  if (v.v === undefined && "payload" in v) {
    const job = { jobId: v.jobId, submittedAt: v.enqueuedAt, request: v.payload };
    return parseEnvelopeFields(job, "enqueuedAt");
  }
  if (v.v !== ENVELOPE_VERSION)
    throw poison(`unknown envelope version ${String(v.v)}`, [{ path: "v", message: "must be 1" }]);
  return parseEnvelopeFields(v, "submittedAt");
}

function parseEnvelopeFields(v: Record<string, unknown>, timeField: string): JobEnvelope {
  if (typeof v.jobId !== "string" || v.jobId.length === 0 || v.jobId.length > 128) {
    throw poison("jobId missing", [{ path: "jobId", message: "must be a non-empty string" }]);
  }
  if (typeof v.submittedAt !== "number" || !Number.isFinite(v.submittedAt)) {
    throw poison(`${timeField} missing`, [
      { path: timeField, message: "must be epoch milliseconds" },
    ]);
  }
  const request = parseAnalyzeRequest(v.request);
  const fault = v.fault as JobFault | undefined;
  return {
    v: ENVELOPE_VERSION,
    jobId: v.jobId,
    submittedAt: v.submittedAt,
    request,
    ...(fault ? { fault } : {}),
  };
}

/** Serialises a job for the queue. */
export function encodeJob(job: JobEnvelope): string {
  return JSON.stringify(job);
}
