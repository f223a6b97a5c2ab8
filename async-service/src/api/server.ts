import type { FastifyInstance } from "fastify";
import { buildEnqueueApp, type EnqueueDeps } from "./app.js";
import type { EnqueueApiConfig } from "./config.js";

/** A listening enqueue API. */
export interface RunningEnqueueApi {
  readonly port: number;
  /** The address the socket is bound to (not just the configured one). */
  readonly host: string;
  readonly url: string;
  readonly app: FastifyInstance;
  /** Refuse new requests, finish the in-flight ones (at most the grace period), then close. */
  shutdown(): Promise<void>;
}

/** Starts the enqueue API: the only place in the API that calls `listen`. */
export async function startEnqueueApi(
  config: EnqueueApiConfig,
  deps: EnqueueDeps,
): Promise<RunningEnqueueApi> {
  const { app, startDraining } = buildEnqueueApp(config, deps);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const bound =
    typeof address === "object" && address ? address : { address: config.host, port: config.port };
  const hostInUrl = bound.address.includes(":") ? `[${bound.address}]` : bound.address;
  let stopped: Promise<void> | undefined;
  return {
    port: bound.port,
    host: bound.address,
    url: `http://${hostInUrl}:${bound.port}`,
    app,
    shutdown: () => {
      stopped ??= (() => {
        startDraining();
        // An in-flight SendMessage is bounded by the SQS client's timeout; this bounds the rest.
        const force = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
        force.unref();
        return app.close().finally(() => clearTimeout(force));
      })();
      return stopped;
    },
  };
}
