import cluster from "node:cluster";
import { ConnectionBalancer, isBalancerMessage } from "./balancer.js";
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
 * The cluster primary: listens, forks `config.workers` workers and hands connections to them
 * round-robin (`ConnectionBalancer`), replaces any worker that dies, and drains all on SIGTERM.
 * Resolves with the exit code.
 */
export async function runPrimary(
  config: SyncConfig,
  report: (e: PrimaryEvent) => void,
): Promise<number> {
  const balancer = new ConnectionBalancer();
  const bound = await balancer.listen(config.host, config.port);
  const deaths: number[] = [];
  let stopping = false;
  let exitCode = 0;
  let announced = false;

  cluster.on("online", (w) => {
    report({ event: "worker-online", pid: w.process.pid ?? -1, workers: liveWorkers() });
  });
  cluster.on("message", (w, message: unknown) => {
    if (!isBalancerMessage(message)) return;
    if (message.qs === "taken") balancer.confirm(w, message.id);
    if (message.qs !== "ready") return;
    balancer.addWorker(w);
    report({ event: "worker-listening", pid: w.process.pid ?? -1, port: bound.port });
    if (announced) return;
    announced = true;
    report({ event: "listening", port: bound.port, host: bound.address, workers: config.workers });
  });

  return new Promise((resolve) => {
    const finish = () => {
      if (liveWorkers() > 0) return;
      balancer.close();
      if (exitCode === 0) report({ event: "stopped" });
      resolve(exitCode);
    };
    // New connections are refused; those already accepted still reach a (draining) worker.
    const drainAll = (code: number) => {
      stopping = true;
      exitCode = code;
      balancer.stopAccepting();
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      finish();
    };
    cluster.on("exit", (w, code, signal) => {
      balancer.removeWorker(w);
      if (stopping) return finish();
      if (isCrashLoop(deaths, Date.now())) {
        report({ event: "crash-loop", deaths: deaths.length, windowMs: CRASH_LOOP.windowMs });
        return drainAll(1);
      }
      const replacement = cluster.fork();
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
      report({ event: "stopping", signal });
      drainAll(0);
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    for (let i = 0; i < config.workers; i++) cluster.fork();
  });
}

/** Records a death at `now` and says whether the deaths in the window exceed the guard. */
function isCrashLoop(deaths: number[], now: number): boolean {
  deaths.push(now);
  while (deaths.length > 0 && (deaths[0] ?? now) < now - CRASH_LOOP.windowMs) deaths.shift();
  return deaths.length > CRASH_LOOP.deaths;
}

function liveWorkers(): number {
  return Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
}
