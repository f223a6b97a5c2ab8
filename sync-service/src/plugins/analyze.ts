import { analyze, parseAnalyzeRequest } from "@queueshift/shared-model";
import type { FastifyInstance } from "fastify";

/** `POST /v1/analyze`: validate with the shared contract, run the core, return its JSON. */
export function registerAnalyze(app: FastifyInstance): void {
  app.post("/v1/analyze", async (request, reply) => {
    const parsed = parseAnalyzeRequest(request.body);
    // Serialise once here so the body is byte-for-byte what the async path publishes.
    const body = JSON.stringify(analyze(parsed));
    return reply.type("application/json; charset=utf-8").send(body);
  });
}
