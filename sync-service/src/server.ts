import type { FastifyInstance } from "fastify";
import { buildApp, type SyncApp } from "./app.js";
import type { SyncConfig } from "./config.js";

/** A listening sync service. */
export interface RunningServer {
  readonly port: number;
  /** The address the socket is bound to (not just the configured one). */
  readonly host: string;
  readonly url: string;
  readonly app: FastifyInstance;
  /** Stop accepting, drain in-flight requests (bounded by the grace period), then close. */
  shutdown(): Promise<void>;
}

/** Starts one Fastify server: the only place that calls `listen` (the balancer's is in `balancer.ts`). */
export async function startServer(config: SyncConfig): Promise<RunningServer> {
  const sync = buildApp(config);
  await sync.app.listen({ host: config.host, port: config.port });
  const address = sync.app.server.address();
  const bound =
    typeof address === "object" && address !== null
      ? address
      : { address: config.host, port: config.port };
  const host = bound.address.includes(":") ? `[${bound.address}]` : bound.address;
  return {
    port: bound.port,
    host: bound.address,
    url: `http://${host}:${bound.port}`,
    app: sync.app,
    shutdown: drainer(sync, config.shutdownGraceMs),
  };
}

/**
 * The shutdown of a serving app, idempotent: start draining (new requests get 503
 * QS_SHUTTING_DOWN, responses close their connections), close, wait for `settled` (connections
 * the app does not count itself), and after `graceMs` close whatever is still open.
 */
export function drainer(
  sync: SyncApp,
  graceMs: number,
  settled: () => Promise<void> = async () => {},
): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      sync.startDraining();
      // A request that outlives the grace period must not keep the process up forever.
      const timer = setTimeout(() => sync.app.server.closeAllConnections(), graceMs);
      timer.unref();
      try {
        await sync.app.close();
        await settled();
      } finally {
        clearTimeout(timer);
      }
    })();
    return closing;
  };
}
