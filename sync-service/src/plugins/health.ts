import type { FastifyInstance } from "fastify";

/** Liveness answers while the process runs; readiness turns 503 once draining starts. */
export function registerHealth(app: FastifyInstance, isDraining: () => boolean): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    if (isDraining()) return reply.code(503).send({ status: "draining" });
    return { status: "ready" };
  });
}
