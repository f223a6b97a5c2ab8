import type { ChildProcess } from "node:child_process";
import { guardChild } from "../process/process-guard.js";

/**
 * Every live environment process, so that none outlives the platform: the shared guard kills
 * them on parent exit and on signals nobody else handles (a CLI that drains on Ctrl-C keeps its
 * environments until it is done); runtimes also exit when their Runtime API goes away, which
 * covers a parent killed with SIGKILL.
 */
const live = new Set<ChildProcess>();

/** Guards an environment process (the shared guard) and counts it until it exits. */
export function trackEnvironment(child: ChildProcess): void {
  live.add(child);
  const release = guardChild(child);
  child.once("exit", () => {
    live.delete(child);
    release();
  });
}

/** How many guarded environment processes are alive (for tests and shutdown checks). */
export function liveChildCount(): number {
  return live.size;
}
