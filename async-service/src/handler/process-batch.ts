import { AnalyticsError, analyze } from "@queueshift/shared-model";
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import {
  ENVELOPE_VERSION,
  type JobEnvelope,
  parseJobEnvelope,
  type ResultEnvelope,
} from "../job.js";

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
  readonly log: (line: Record<string, unknown>) => void;
  readonly sleep: (ms: number) => Promise<void>;
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

async function runJob(job: JobEnvelope, record: SQSRecord, deps: BatchDeps): Promise<void> {
  const fault = job.fault;
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  if (fault?.kind === "transient" && receiveCount < fault.untilReceiveCount) {
    throw new TransientJobError(
      `injected transient failure (receive ${receiveCount} of ${fault.untilReceiveCount})`,
    );
  }
  if (fault?.kind === "sleep") await deps.sleep(fault.ms);
}

/**
 * The SQS batch processor: each record through the shared core, results published, and a partial
 * batch response naming only the records that failed (AWS: ReportBatchItemFailures).
 */
export function createBatchProcessor(
  deps: BatchDeps,
): (event: SQSEvent) => Promise<SQSBatchResponse> {
  const published = new RecentIds(10_000);
  let invocations = 0;
  return async (event) => {
    const coldStart = invocations === 0;
    invocations += 1;
    const failures: SQSBatchItemFailure[] = [];
    const outgoing: Array<{ id: string; body: string; jobId: string }> = [];
    for (const record of event.Records) {
      const handlerStartAt = deps.now();
      try {
        const job = parseJobEnvelope(record.body);
        if (published.has(job.jobId)) continue; // already done here: idempotent, just let it be deleted
        await runJob(job, record, deps);
        const analysis = analyze(job.request);
        const result: ResultEnvelope = {
          v: ENVELOPE_VERSION,
          jobId: job.jobId,
          status: "succeeded",
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
          environmentId: deps.environmentId,
          coldStart,
          timings: {
            submittedAt: job.submittedAt,
            sentAt: Number(record.attributes.SentTimestamp),
            firstReceivedAt: Number(record.attributes.ApproximateFirstReceiveTimestamp),
            handlerStartAt,
            handlerEndAt: deps.now(),
          },
          analysis,
        };
        outgoing.push({ id: record.messageId, body: JSON.stringify(result), jobId: job.jobId });
      } catch (err) {
        failures.push({ itemIdentifier: record.messageId });
        const code = err instanceof AnalyticsError ? err.code : "QS_INTERNAL";
        const poison = err instanceof AnalyticsError && !err.retryable;
        deps.log({
          level: "warn",
          msg: "record failed",
          messageId: record.messageId,
          code,
          poison,
          error: String(err),
        });
      }
    }
    const failedPublishes =
      outgoing.length > 0 ? await deps.publisher.publish(outgoing) : new Set<string>();
    for (const o of outgoing) {
      if (failedPublishes.has(o.id)) failures.push({ itemIdentifier: o.id });
      else published.add(o.jobId);
    }
    return { batchItemFailures: failures };
  };
}
