#!/usr/bin/env node
// Entry point: `npm run start:sync`. WORKERS=1 runs a single server; more runs the cluster primary.
import cluster from "node:cluster";
import { runPrimary } from "./cluster.js";
import { ConfigError, loadSyncConfig } from "./config.js";
import { startServer } from "./server.js";
import { startWorker } from "./worker.js";

async function main(): Promise<number> {
  const config = loadSyncConfig(process.env);
  if (cluster.isPrimary && config.workers > 1) {
    return runPrimary(config, (e) =>
      process.stdout.write(`${JSON.stringify({ ...e, role: "primary" })}\n`),
    );
  }
  const server = cluster.isWorker ? await startWorker(config) : await announce(config);
  return new Promise((resolve) => {
    const stop = () => {
      server.shutdown().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once("SIGTERM", stop);
    // A worker leaves Ctrl-C to its primary, which drains the workers in order with SIGTERM.
    if (cluster.isPrimary) process.once("SIGINT", stop);
    else process.on("SIGINT", () => {});
  });
}

/** A single process (WORKERS=1): listens itself and prints where. */
async function announce(config: ReturnType<typeof loadSyncConfig>) {
  const server = await startServer(config);
  process.stdout.write(
    `${JSON.stringify({ event: "listening", port: server.port, host: server.host, workers: 1 })}\n`,
  );
  return server;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message =
      err instanceof ConfigError ? `configuration error: ${err.message}` : String(err);
    process.stderr.write(`sync-service: ${message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
