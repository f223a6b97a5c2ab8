import cluster, { type Worker } from "node:cluster";
import type { SyncConfig } from "./config.js";

/** What the primary reports: one JSON-able event per line. */
export type PrimaryEvent =
  | { event: "worker-online"; pid: number; workers: number }
  | { event: "listening"; port: number; host: string; workers: number }
  | { event: "worker-listening"; pid: number; port: number }
  | {
      event: "worker-died";
      pid: number;
      code: number | null;
      signal: string | null;
      replacedBy?: number;
    }
  | { event: "crash-loop"; deaths: number; windowMs: number }
  | { event: "stopping"; signal: string }
  | { event: "stopped" };

/** Crash-loop guard: more than this many deaths in the window stops replacing workers. */
const CRASH_LOOP = { deaths: 10, windowMs: 10_000 } as const;

/**
 * The load balancer: the cluster primary forks `config.workers` workers that share one port,
 * hands connections out round-robin, replaces any worker that dies, and drains all on SIGTERM.
 */
export function runPrimary(config: SyncConfig, report: (e: PrimaryEvent) => void): Promise<number> {
  cluster.schedulingPolicy = cluster.SCHED_RR; // explicit: round-robin, like an ALB's default algorithm
  const deaths: number[] = [];
  let stopping = false;
  let announced = false;
  const fork = (): Worker => cluster.fork({ PORT: String(config.port) });

  cluster.on("online", (w) => {
    report({ event: "worker-online", pid: w.process.pid ?? -1, workers: liveWorkers() });
  });
  cluster.on("listening", (w, address) => {
    report({ event: "worker-listening", pid: w.process.pid ?? -1, port: address.port });
    if (announced) return;
    announced = true;
    report({ event: "listening", port: address.port, host: config.host, workers: config.workers });
  });

  return new Promise((resolve) => {
    cluster.on("exit", (w, code, signal) => {
      if (stopping) {
        if (liveWorkers() === 0) {
          report({ event: "stopped" });
          resolve(0);
        }
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && (deaths[0] ?? now) < now - CRASH_LOOP.windowMs) deaths.shift();
      if (deaths.length > CRASH_LOOP.deaths) {
        report({ event: "crash-loop", deaths: deaths.length, windowMs: CRASH_LOOP.windowMs });
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
        if (liveWorkers() === 0) resolve(1);
        return;
      }
      const replacement = fork();
      report({
        event: "worker-died",
        pid: w.process.pid ?? -1,
        code,
        signal,
        ...(replacement.process.pid === undefined ? {} : { replacedBy: replacement.process.pid }),
      });
    });

    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      report({ event: "stopping", signal });
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) resolve(0);
      for (const w of workers) w?.process.kill("SIGTERM");
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    for (let i = 0; i < config.workers; i++) fork();
  });
}

function liveWorkers(): number {
  return Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
}
