import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import type { SyncConfig } from "./config.js";

/** A listening sync service. */
export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly app: FastifyInstance;
  /** Stop accepting, drain in-flight requests (bounded by the grace period), then close. */
  shutdown(): Promise<void>;
}

/** Starts one Fastify server: the only place that calls `listen`. */
export async function startServer(config: SyncConfig): Promise<RunningServer> {
  const { app, startDraining } = buildApp(config);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${config.host}:${port}`,
    app,
    shutdown() {
      closing ??= (async () => {
        startDraining();
        // A request that outlives the grace period must not keep the process up forever.
        const timer = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
        timer.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(timer);
        }
      })();
      return closing;
    },
  };
}
