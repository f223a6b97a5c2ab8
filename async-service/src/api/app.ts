import { httpServerOptions } from "@queueshift/shared-model";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import type { EnqueueApiConfig } from "./config.js";
import type { JobQueue } from "./job-queue.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerHealth } from "./plugins/health.js";
import { registerJobs } from "./plugins/jobs.js";

/** What `buildEnqueueApp` needs besides its config. */
export interface EnqueueDeps {
  readonly queue: JobQueue;
  /** Epoch milliseconds, fractional. */
  readonly now?: () => number;
}

/** An app plus the switch that starts draining (readiness and new requests turn 503). */
export interface EnqueueApp {
  readonly app: FastifyInstance;
  startDraining(): void;
}

/**
 * The enqueue API (the role API Gateway plays in front of SQS), un-started: `server.ts` is the
 * only place that listens.
 */
export function buildEnqueueApp(
  config: Omit<EnqueueApiConfig, "queueUrl" | "region" | "port">,
  deps: EnqueueDeps,
): EnqueueApp {
  let draining = false;
  const app = Fastify({
    logController: new LogController({ disableRequestLogging: true }), // logging stays off the hot path
    logger: { level: config.logLevel },
    ...httpServerOptions(config),
  });
  // JSON only: without this, Fastify's built-in text/plain parser would turn a 415 into a 400.
  app.removeContentTypeParser("text/plain");
  registerErrorHandling(app, config.retryAfterSeconds);
  registerHealth(app, { isDraining: () => draining, queue: deps.queue });
  registerJobs(app, {
    maxMessageBytes: config.maxMessageBytes,
    queue: deps.queue,
    now: deps.now ?? (() => performance.timeOrigin + performance.now()),
    envelope: config.envelope,
  });
  return {
    app,
    startDraining() {
      draining = true;
    },
  };
}
