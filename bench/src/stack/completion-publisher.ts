import type { SqsApi } from "@queueshift/sqs-client";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { epochMs } from "../clock/index.js";
import {
  type FunctionInvoker,
  type InvocationResult,
  parseBatchItemFailures,
} from "../lambda/index.js";
import type { ResultEnvelopeView } from "./result-collector.js";

/**
 * A user's handler publishes no results (contract 14): the platform counts a record as done
 * when the invocation succeeded and its response does not list the record in
 * `batchItemFailures`, and publishes that result to the results queue on the handler's behalf,
 * so the collector, the drain and the reconciliation by job id stay the same for every target.
 * A failed invocation or a malformed response completes nothing (AWS retries the whole batch).
 */
export function publishingCompletions(
  inner: FunctionInvoker,
  sqs: SqsApi,
  resultsUrl: string,
  log: (line: string) => void,
): FunctionInvoker {
  return {
    get timeoutSeconds() {
      return inner.timeoutSeconds;
    },
    stats: () => inner.stats(),
    async invoke(event: SQSEvent): Promise<InvocationResult> {
      const result = await inner.invoke(event);
      // Handler time is the end of the invocation minus its REPORT duration (a cold start's init
      // comes before it, as in the built-in handler's own timings).
      const endAt = epochMs();
      const startedAt = endAt - (result.report?.durationMs ?? 0);
      if (!result.ok) return result;
      const ids = new Set(event.Records.map((r) => r.messageId));
      const parsed = parseBatchItemFailures(result.response, ids);
      if (parsed.kind === "malformed") return result;
      const failed = parsed.kind === "ids" ? parsed.ids : new Set<string>();
      const entries = event.Records.filter((r) => !failed.has(r.messageId)).flatMap((r, i) => {
        const view = resultFor(r, result, startedAt, endAt);
        return view === undefined ? [] : [{ id: String(i), body: JSON.stringify(view) }];
      });
      for (let i = 0; i < entries.length; i += 10) {
        // A lost publish would leave the job unreconciled: the drain then names it lost, by id.
        await sqs.sendMessageBatch(resultsUrl, entries.slice(i, i + 10)).catch((err: unknown) => {
          log(`completion publish failed: ${String(err)}`);
        });
      }
      return result;
    },
  };
}

/** The result envelope of one completed record; undefined when its body has no job id. */
function resultFor(
  record: SQSRecord,
  result: InvocationResult & { ok: true },
  startedAt: number,
  endAt: number,
): (ResultEnvelopeView & { v: 1 }) | undefined {
  let envelope: { jobId?: unknown; enqueuedAt?: unknown };
  try {
    envelope = JSON.parse(record.body) as typeof envelope;
  } catch {
    return undefined;
  }
  if (typeof envelope?.jobId !== "string") return undefined;
  const a = record.attributes;
  const sentAt = Number(a.SentTimestamp);
  return {
    v: 1,
    jobId: envelope.jobId,
    status: "succeeded",
    receiveCount: Number(a.ApproximateReceiveCount),
    environmentId: result.report.environmentId,
    coldStart: result.report.initDurationMs !== undefined,
    timings: {
      submittedAt: typeof envelope.enqueuedAt === "number" ? envelope.enqueuedAt : sentAt,
      sentAt,
      firstReceivedAt: Number(a.ApproximateFirstReceiveTimestamp),
      handlerStartAt: startedAt,
      handlerEndAt: endAt,
      batchEndAt: endAt,
    },
    analysis: null,
  };
}
