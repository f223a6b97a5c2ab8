import { httpServerOptions } from "@queueshift/shared-model";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import type { SyncConfig } from "./config.js";
import { registerAnalyze } from "./plugins/analyze.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerHealth } from "./plugins/health.js";

/** An app plus the switch that starts draining (readiness and new requests turn 503). */
export interface SyncApp {
  readonly app: FastifyInstance;
  startDraining(): void;
}

/** Builds the un-started Fastify app; `server.ts` and `worker.ts` serve it. */
export function buildApp(config: SyncConfig): SyncApp {
  let draining = false;
  const app = Fastify({
    logger: { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }), // logging stays off the hot path
    ...httpServerOptions(config),
  });
  // JSON only: without this, Fastify's built-in text/plain parser would turn a 415 into a 400.
  app.removeContentTypeParser("text/plain");
  registerErrorHandling(app);
  registerHealth(app, () => draining);
  registerAnalyze(app);
  return {
    app,
    startDraining() {
      draining = true;
    },
  };
}
