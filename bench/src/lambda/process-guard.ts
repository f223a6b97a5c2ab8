import type { ChildProcess } from "node:child_process";

/**
 * Keeps every live environment process in one set so that none outlives the platform: they are
 * killed on parent exit and on SIGINT/SIGTERM (children also exit on IPC disconnect, which
 * covers a parent killed with SIGKILL).
 */
const live = new Set<ChildProcess>();
let installed = false;

function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // Our listener replaced Node's default "exit on signal"; restore it when nobody else handles it.
  if (process.listenerCount(signal) === 1) {
    uninstall();
    process.kill(process.pid, signal);
  }
}

function uninstall(): void {
  process.removeListener("exit", killAll);
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  installed = false;
}

/** Tracks a child until it exits; installs the exit/signal hooks while any child lives. */
export function guardChild(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => {
    live.delete(child);
    if (live.size === 0 && installed) uninstall();
  });
  if (!installed) {
    installed = true;
    process.once("exit", killAll);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
}

/** How many guarded environment processes are alive (for tests and shutdown checks). */
export function liveChildCount(): number {
  return live.size;
}
