import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Socket } from "node:net";
import { delimiter, join } from "node:path";

/**
 * Makes sure no child process (broker, service, API) outlives the harness. Three layers:
 * 1. `stopChild`: SIGTERM, then SIGKILL after a grace period (the normal path).
 * 2. Parent exit hooks (exit, SIGINT, SIGTERM, SIGHUP) that SIGKILL every guarded child;
 *    installed when the first child is guarded and removed when the last one is released.
 *    A signal someone else listens for is left to them; the exit hook still runs after.
 * 3. For a parent that is SIGKILLed (no hook runs): the child is started under
 *    `setpriv --pdeathsig` on Linux, or watched by a tiny `sh` watchdog elsewhere.
 */
const guarded = new Set<ChildProcess>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function killAllNow(): void {
  for (const child of guarded) child.kill("SIGKILL");
}

function onSignal(signal: NodeJS.Signals): void {
  // Another listener owns graceful shutdown (a CLI draining a run still needs its broker);
  // the exit hook still kills whatever is left when the process ends.
  if (process.listenerCount(signal) > 1) return;
  killAllNow();
  uninstall();
  // Our listener replaced Node's default action: re-raise so the process ends as expected.
  process.kill(process.pid, signal);
}

function install(): void {
  process.on("exit", killAllNow);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  process.off("exit", killAllNow);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Registers a child for the exit hooks; the returned function releases it. */
export function guardChild(child: ChildProcess): () => void {
  if (guarded.size === 0) install();
  guarded.add(child);
  return () => {
    if (guarded.delete(child) && guarded.size === 0) uninstall();
  };
}

/** True once the child has exited (its pid is reaped and free). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<"term" | "kill"> {
  if (hasExited(child)) return "term";
  // Guarded children are unref'd; while we wait for this one's exit it must hold the event loop
  // open, or Node would end (exit code 0, silently) before the exit event arrives.
  child.ref();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), graceMs);
  });
  const first = await Promise.race([exited.then(() => "ok" as const), graceOver]);
  clearTimeout(timer);
  if (first === "ok") return "term";
  child.kill("SIGKILL");
  await exited;
  return "kill";
}

/**
 * The command prefix that makes the kernel SIGKILL the child when this process dies
 * (Linux `prctl(PR_SET_PDEATHSIG)` via util-linux `setpriv`, which then execs the real
 * command, so the child's pid is the broker's pid). Undefined where `setpriv` is missing.
 */
export function parentDeathPrefix(setprivPath: string | undefined): string[] | undefined {
  return setprivPath === undefined ? undefined : [setprivPath, "--pdeathsig", "SIGKILL", "--"];
}

/**
 * Fallback for systems without `setpriv`: a detached `sh` loop that SIGKILLs `pid` once this
 * process is no longer its parent (orphaned children are re-parented at once, zombie or not),
 * and exits by itself when `pid` is gone.
 */
export function startWatchdog(pid: number): void {
  const script =
    'while [ "$(ps -o ppid= -p $$ | tr -d " ")" = "$1" ] && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -KILL "$2" 2>/dev/null; exit 0';
  const dog = spawn("sh", ["-c", script, "queueshift-watchdog", String(process.pid), String(pid)], {
    stdio: "ignore",
    detached: false,
  });
  dog.on("error", () => {});
  dog.unref();
}

/** The first executable called `name` on PATH. */
export async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/**
 * Spawns a child that cannot outlive this process: under `setpriv --pdeathsig` (or a watchdog),
 * guarded by the exit/signal hooks, and unref'd so a forgotten stop() does not keep Node alive.
 * stdout and stderr are pipes.
 */
export async function spawnGuarded(
  command: string,
  args: readonly string[],
  options: Pick<SpawnOptions, "env" | "cwd"> = {},
): Promise<{ process: ChildProcess; release: () => void }> {
  const prefix = parentDeathPrefix(await findOnPath("setpriv"));
  const argv = prefix === undefined ? [command, ...args] : [...prefix, command, ...args];
  // `detached`: its own process group, so a terminal's Ctrl-C reaches only the harness, which
  // drains and stops its children in order; pdeathsig/the watchdog still tie it to this process.
  const child = spawn(argv[0] as string, argv.slice(1), {
    detached: true,
    ...options,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const release = guardChild(child);
  if (prefix === undefined && child.pid !== undefined) startWatchdog(child.pid);
  child.unref();
  (child.stdout as Socket | null)?.unref();
  (child.stderr as Socket | null)?.unref();
  return { process: child, release };
}
