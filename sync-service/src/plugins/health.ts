import { serviceLifecycle } from "@queueshift/shared-model";
import type { FastifyInstance } from "fastify";

/** Liveness answers while the process runs; readiness and new requests turn 503 once draining starts. */
export function registerHealth(app: FastifyInstance, isDraining: () => boolean): void {
  const lifecycle = serviceLifecycle({ isDraining });
  for (const route of lifecycle.routes) app.route(route);
  app.addHook("onRequest", lifecycle.onRequest);
  app.addHook("onSend", lifecycle.onSend);
}
