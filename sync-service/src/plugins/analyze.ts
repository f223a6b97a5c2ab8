import { performance } from "node:perf_hooks";
import { analyze, parseAnalyzeRequest } from "@queueshift/shared-model";
import type { FastifyInstance } from "fastify";

/**
 * `POST /v1/analyze`: validate with the shared contract, run the core, return its JSON. The
 * response carries `Server-Timing: app;dur=<ms>` (W3C Server Timing), the handler's own time on
 * the worker's monotonic clock: a client's send -> response also holds the wait for a busy worker
 * and the balancer, which a capacity model must not count as service (projection fidelity).
 */
export function registerAnalyze(app: FastifyInstance): void {
  app.post("/v1/analyze", async (request, reply) => {
    const started = performance.now();
    const parsed = parseAnalyzeRequest(request.body);
    // Serialise once here so the body is byte-for-byte what the async path publishes.
    const body = JSON.stringify(analyze(parsed));
    const dur = (performance.now() - started).toFixed(3);
    return reply
      .type("application/json; charset=utf-8")
      .header("server-timing", `app;dur=${dur}`)
      .send(body);
  });
}
