import { edgeErrorResponse, notFoundBody } from "@queueshift/shared-model";
import type { FastifyInstance } from "fastify";

/**
 * Maps every error to the catalogue's status and body; a broker refusal also says when to retry.
 * 5xx details go to the log, never the client.
 */
export function registerErrorHandling(app: FastifyInstance, retryAfterSeconds: number): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body, error } = edgeErrorResponse(err);
    if (error.code === "QS_BROKER_UNAVAILABLE")
      reply.header("retry-after", String(retryAfterSeconds));
    if (status >= 500) request.log.error({ err, code: error.code }, "request failed");
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(notFoundBody(request.method, request.url));
  });
}
