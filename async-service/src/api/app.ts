import { randomUUID } from "node:crypto";
import {
  AnalyticsError,
  edgeErrorResponse,
  notFoundBody,
  parseAnalyzeRequest,
} from "@queueshift/shared-model";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { ENVELOPE_VERSION, encodeJob, type JobEnvelope } from "../job.js";
import type { EnqueueApiConfig } from "./config.js";
import type { JobQueue } from "./job-queue.js";

/** What `buildEnqueueApp` needs besides its config. */
export interface EnqueueDeps {
  readonly queue: JobQueue;
  /** Epoch milliseconds, fractional. */
  readonly now?: () => number;
}

/**
 * The enqueue API (the role API Gateway plays in front of SQS): validate with the shared contract,
 * put one message on the jobs queue, answer 202 with the job id. A job is only acknowledged once
 * SQS accepted it; a broker error answers 503 with Retry-After and nothing is acknowledged.
 */
export function buildEnqueueApp(
  config: Pick<
    EnqueueApiConfig,
    "logLevel" | "bodyLimitBytes" | "maxMessageBytes" | "retryAfterSeconds"
  >,
  deps: EnqueueDeps,
): FastifyInstance {
  const now = deps.now ?? (() => performance.timeOrigin + performance.now());
  const app = Fastify({
    logger: { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }), // logging stays off the hot path
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: "idle",
    return503OnClosing: true,
  });
  // JSON only: without this, Fastify's built-in text/plain parser would turn a 415 into a 400.
  app.removeContentTypeParser("text/plain");

  app.setErrorHandler((err, request, reply) => {
    const { status, body, error } = edgeErrorResponse(err);
    if (error.code === "QS_BROKER_UNAVAILABLE")
      reply.header("retry-after", String(config.retryAfterSeconds));
    if (status >= 500) request.log.error({ err, code: error.code }, "request failed");
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(notFoundBody(request.method, request.url));
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await deps.queue.ping();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "queue unreachable" });
    }
  });

  app.post("/v1/jobs", async (request, reply) => {
    const job: JobEnvelope = {
      v: ENVELOPE_VERSION,
      jobId: randomUUID(),
      submittedAt: now(),
      request: parseAnalyzeRequest(request.body),
    };
    const body = encodeJob(job);
    const bytes = Buffer.byteLength(body);
    if (bytes > config.maxMessageBytes) {
      throw new AnalyticsError(
        "QS_PAYLOAD_TOO_LARGE",
        `job is ${bytes} bytes; the queue's maximum message size is ${config.maxMessageBytes} bytes`,
        {
          issues: [
            {
              path: "(body)",
              message: `at most ${config.maxMessageBytes} bytes as a queue message`,
            },
          ],
        },
      );
    }
    try {
      const { messageId } = await deps.queue.send(body);
      return reply.code(202).send({ jobId: job.jobId, messageId });
    } catch (cause) {
      throw new AnalyticsError(
        "QS_BROKER_UNAVAILABLE",
        "the jobs queue did not accept the job; it was not enqueued",
        {
          cause,
        },
      );
    }
  });
  return app;
}
