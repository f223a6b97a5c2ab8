import { randomUUID } from "node:crypto";
import { AnalyticsError, parseAnalyzeRequest } from "@queueshift/shared-model";
import type { FastifyInstance } from "fastify";
import { ENVELOPE_VERSION, encodeJob, type JobEnvelope } from "../../job.js";
import type { JobQueue } from "../job-queue.js";

/**
 * How a job is wrapped: `analyze` validates the body with the shared contract (the built-in
 * handler's envelope); `payload` takes any JSON body for a user's own handler and wraps it as
 * `{ jobId, enqueuedAt, payload }` (README, "The job envelope").
 */
export type EnvelopeKind = "analyze" | "payload";

/**
 * `POST /v1/jobs`: validate with the shared contract (or wrap any JSON, `payload` envelope), put one message on the jobs queue, answer
 * 202 with the job id. A job is only acknowledged once SQS accepted it; a broker error answers
 * 503 (with Retry-After, see the errors plugin) and nothing is acknowledged.
 */
export function registerJobs(
  app: FastifyInstance,
  options: {
    readonly maxMessageBytes: number;
    readonly queue: JobQueue;
    readonly now: () => number;
    readonly envelope?: EnvelopeKind;
  },
): void {
  const { maxMessageBytes, queue, now } = options;
  app.post("/v1/jobs", async (request, reply) => {
    const jobId = randomUUID();
    const body =
      options.envelope === "payload"
        ? JSON.stringify({ jobId, enqueuedAt: now(), payload: request.body ?? null })
        : encodeJob(analyzeJob(jobId, now(), request.body));
    const bytes = Buffer.byteLength(body);
    if (bytes > maxMessageBytes) {
      throw new AnalyticsError(
        "QS_PAYLOAD_TOO_LARGE",
        `job is ${bytes} bytes; the queue's maximum message size is ${maxMessageBytes} bytes`,
        {
          issues: [
            { path: "(body)", message: `at most ${maxMessageBytes} bytes as a queue message` },
          ],
        },
      );
    }
    try {
      const { messageId } = await queue.send(body);
      return reply.code(202).send({ jobId, messageId });
    } catch (cause) {
      throw new AnalyticsError(
        "QS_BROKER_UNAVAILABLE",
        "the jobs queue did not accept the job; it was not enqueued",
        { cause },
      );
    }
  });
}

function analyzeJob(jobId: string, submittedAt: number, body: unknown): JobEnvelope {
  return { v: ENVELOPE_VERSION, jobId, submittedAt, request: parseAnalyzeRequest(body) };
}
