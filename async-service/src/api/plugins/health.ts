import { AnalyticsError, serviceLifecycle } from "@queueshift/shared-model";
import type { FastifyInstance } from "fastify";
import type { JobQueue } from "../job-queue.js";

/**
 * Liveness answers while the process runs; readiness needs the jobs queue to answer and turns
 * 503 once draining starts, as do new requests.
 */
export function registerHealth(
  app: FastifyInstance,
  options: { readonly isDraining: () => boolean; readonly queue: JobQueue },
): void {
  const lifecycle = serviceLifecycle({
    isDraining: options.isDraining,
    checkReady: () =>
      options.queue.ping().catch((cause: unknown) => {
        throw new AnalyticsError("QS_BROKER_UNAVAILABLE", "the jobs queue does not answer", {
          cause,
        });
      }),
  });
  for (const route of lifecycle.routes) app.route(route);
  app.addHook("onRequest", lifecycle.onRequest);
  app.addHook("onSend", lifecycle.onSend);
}
