import { AnalyticsError, analyze } from "@queueshift/shared-model";
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { SQS_MAX_MESSAGE_BYTES } from "../api/config.js";
import {
  ENVELOPE_VERSION,
  type JobEnvelope,
  parseJobEnvelope,
  type ResultEnvelope,
} from "../job.js";
import { type Deadline, deadlineFor, noDeadline } from "./deadline.js";

/** Where results go: the results queue in production, anything in tests. Returns the ids that failed. */
export interface ResultPublisher {
  publish(results: ReadonlyArray<{ id: string; body: string }>): Promise<ReadonlySet<string>>;
}

/** What the batch processor needs from its environment. */
export interface BatchDeps {
  readonly publisher: ResultPublisher;
  /** The execution environment's id (AWS_LAMBDA_LOG_STREAM_NAME on Lambda). */
  readonly environmentId: string;
  /** Epoch milliseconds, fractional. */
  readonly now: () => number;
  /**
   * This process's CPU time in milliseconds (user + system), when the environment measures it:
   * each result then carries its analysis's CPU time, the work a replay of the run draws apart
   * from the waits for a core its wall time holds (projection/, issue 13).
   */
  readonly cpuMs?: () => number;
  readonly log: (line: Record<string, unknown>) => void;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * The results queue's maximum message size in bytes (default SQS's largest, 1 MiB: aws-facts
   * 0.6). A result larger than this is published as a failed result `QS_RESULT_TOO_LARGE` instead.
   */
  readonly maxResultBytes?: number;
}

/** What the Lambda context offers the processor: the time left (AWS: `context.getRemainingTimeInMillis()`). */
export interface InvocationTime {
  getRemainingTimeInMillis(): number;
}

/** Remembers job ids this environment already published, so a redelivery is not published twice. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}

/** A transient failure: the record is retried by redelivery. */
export class TransientJobError extends AnalyticsError {
  constructor(message: string) {
    super("QS_TRANSIENT_FAILURE", message);
  }
}

/** A record the deadline reached before it could run: retried by redelivery, not poison. */
class DeadlineError extends AnalyticsError {
  constructor(message: string) {
    super("QS_DEADLINE_EXCEEDED", message);
  }
}

/**
 * The injected fault, if any: throws a transient failure, or returns the wait of a `sleep` fault.
 * Synchronous when there is none, so a plain record never yields to its neighbours mid-way.
 */
function injectedFault(
  job: JobEnvelope,
  record: SQSRecord,
  deps: BatchDeps,
): Promise<void> | undefined {
  const fault = job.fault;
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  if (fault?.kind === "transient" && receiveCount < fault.untilReceiveCount) {
    throw new TransientJobError(
      `injected transient failure (receive ${receiveCount} of ${fault.untilReceiveCount})`,
    );
  }
  return fault?.kind === "sleep" ? deps.sleep(fault.ms) : undefined;
}

/** One record's outcome: a result to publish, nothing (already published here), or a failure. */
type RecordOutcome =
  | {
      readonly kind: "result";
      readonly id: string;
      readonly jobId: string;
      readonly result: ResultEnvelope;
    }
  | { readonly kind: "skip" }
  | { readonly kind: "failed"; readonly id: string; readonly error: unknown };

/** Per-environment state of the processor (module scope on Lambda: it survives invocations). */
interface EnvironmentState {
  readonly published: RecentIds;
  invocations: number;
  /** Analyses this environment has started: a fresh one's first run before the JIT has compiled them. */
  analyses: number;
  /** The longest analysis this environment has run, ms: how much time a record needs to start. */
  longestComputeMs: number;
}

/**
 * Runs one record: parse, injected fault, then the analysis, which starts only while the deadline
 * leaves room for it. Records of a batch are started together, so one that waits (a slow
 * dependency, an injected sleep) holds up none of its neighbours; a record that does not wait runs
 * to its end synchronously, so the analyses run one after another as before. `handlerStartAt`
 * counts the record's own parse, wait and analysis, not time spent behind its neighbours.
 */
async function processRecord(
  record: SQSRecord,
  coldStart: boolean,
  invocationOrdinal: number,
  deadline: Deadline,
  state: EnvironmentState,
  deps: BatchDeps,
): Promise<RecordOutcome> {
  try {
    const parseStart = deps.now();
    const job = parseJobEnvelope(record.body);
    if (state.published.has(job.jobId)) return { kind: "skip" }; // done here: let it be deleted
    const ownMs = deps.now() - parseStart;
    const waitStart = deps.now();
    const wait = injectedFault(job, record, deps);
    if (wait !== undefined) await wait;
    const waitedMs = wait === undefined ? 0 : deps.now() - waitStart;
    if (!deadline.allows(state.longestComputeMs)) {
      throw new DeadlineError(
        `not started: ${deadline.leftMs().toFixed(0)} ms left, the longest analysis here took ${state.longestComputeMs.toFixed(0)} ms`,
      );
    }
    state.analyses += 1;
    const analysisOrdinal = state.analyses;
    const cpuStart = deps.cpuMs?.();
    const computeStart = deps.now();
    const analysis = analyze(job.request);
    const handlerEndAt = deps.now();
    const cpuEnd = deps.cpuMs?.();
    state.longestComputeMs = Math.max(state.longestComputeMs, handlerEndAt - computeStart);
    const result: ResultEnvelope = {
      v: ENVELOPE_VERSION,
      jobId: job.jobId,
      status: "succeeded",
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
      environmentId: deps.environmentId,
      coldStart,
      analysisOrdinal,
      invocationOrdinal,
      timings: {
        submittedAt: job.submittedAt,
        sentAt: Number(record.attributes.SentTimestamp),
        firstReceivedAt: Number(record.attributes.ApproximateFirstReceiveTimestamp),
        handlerStartAt: computeStart - waitedMs - ownMs,
        handlerEndAt,
        ...(cpuStart === undefined || cpuEnd === undefined
          ? {}
          : { handlerCpuMs: cpuEnd - cpuStart }),
      },
      analysis,
    };
    return { kind: "result", id: record.messageId, jobId: job.jobId, result };
  } catch (error) {
    return { kind: "failed", id: record.messageId, error };
  }
}

/**
 * The result's body, or, when it is over the results queue's limit, a failed result naming the
 * sizes: publishing the big one would fail every time and loop the job into the DLQ unheard.
 */
function boundedResult(result: ResultEnvelope, maxBytes: number): string {
  const body = JSON.stringify(result);
  const bytes = Buffer.byteLength(body);
  if (bytes <= maxBytes) return body;
  const { analysis: _dropped, ...rest } = result as Extract<
    ResultEnvelope,
    { status: "succeeded" }
  >;
  const failed: ResultEnvelope = {
    ...rest,
    status: "failed",
    error: {
      code: "QS_RESULT_TOO_LARGE",
      message: `the result is ${bytes} bytes, over the results queue's maximum message size of ${maxBytes} bytes`,
    },
  };
  return JSON.stringify(failed);
}

function logFailure(deps: BatchDeps, id: string, error: unknown): void {
  const code = error instanceof AnalyticsError ? error.code : "QS_INTERNAL";
  const poison = error instanceof AnalyticsError && !error.retryable;
  deps.log({
    level: "warn",
    msg: "record failed",
    messageId: id,
    code,
    poison,
    error: String(error),
  });
}

/**
 * The SQS batch processor: each record through the shared core, results published, and a partial
 * batch response naming only the records that failed (AWS: ReportBatchItemFailures). Given the
 * invocation's remaining time, it stops before the deadline: records still waiting, or that the
 * time left cannot fit, are reported as failures and retried, and the finished ones are published,
 * so a slow or hanging record no longer takes its whole batch down with it.
 */
export function createBatchProcessor(
  deps: BatchDeps,
): (event: SQSEvent, time?: InvocationTime) => Promise<SQSBatchResponse> {
  const state: EnvironmentState = {
    published: new RecentIds(10_000),
    invocations: 0,
    analyses: 0,
    longestComputeMs: 0,
  };
  return async (event, time) => {
    const coldStart = state.invocations === 0;
    state.invocations += 1;
    const invocationOrdinal = state.invocations;
    const deadline = time ? deadlineFor(time.getRemainingTimeInMillis(), deps.now) : noDeadline;
    const pending = event.Records.map((record) => ({
      id: record.messageId,
      outcome: processRecord(record, coldStart, invocationOrdinal, deadline, state, deps),
    }));
    const settled = await deadline.race(pending.map((p) => p.outcome));
    const failures: SQSBatchItemFailure[] = [];
    const outgoing: Array<{ id: string; body: string; jobId: string }> = [];
    // When the batch's results go out: a result's wait after its own handler end holds the
    // batch's later records until then, and the delivery only after it (the harness tells them
    // apart; a replay of the run simulates the first itself).
    const batchEndAt = deps.now();
    const maxBytes = deps.maxResultBytes ?? SQS_MAX_MESSAGE_BYTES.ceiling;
    pending.forEach(({ id }, i) => {
      const o = settled[i] ?? {
        kind: "failed",
        id,
        error: new DeadlineError("still running when the invocation's deadline came"),
      };
      if (o.kind === "result") {
        const result = { ...o.result, timings: { ...o.result.timings, batchEndAt } };
        outgoing.push({ id: o.id, jobId: o.jobId, body: boundedResult(result, maxBytes) });
      } else if (o.kind === "failed") {
        failures.push({ itemIdentifier: o.id });
        logFailure(deps, o.id, o.error);
      }
    });
    const failedPublishes =
      outgoing.length > 0 ? await deps.publisher.publish(outgoing) : new Set<string>();
    for (const o of outgoing) {
      if (failedPublishes.has(o.id)) failures.push({ itemIdentifier: o.id });
      else state.published.add(o.jobId);
    }
    return { batchItemFailures: failures };
  };
}
