import type { ChildProcess } from "node:child_process";
import { OutputTail } from "../broker/output-tail.js";
import { LoadError } from "../load/errors.js";
import type { CpuQuotas } from "../process/cpu-quota.js";
import { spawnGuarded, stopChild } from "../process/process-guard.js";
import type { SyncTarget, SyncTargetStart } from "../scenario/target-types.js";
import type { StackProcess } from "./stack-process.js";

/** A sync target ready for load: the user's HTTP service, started by the harness or not. */
export interface StartedHttpTarget extends AsyncDisposable {
  readonly analyzeUrl: string;
  /** The `server` header the target answered with (e.g. "uvicorn"), when it sent one. */
  readonly server: string | undefined;
  processes(): StackProcess[];
  stop(): Promise<void>;
}

/** Options of `startHttpTarget`. */
export interface HttpTargetOptions {
  readonly log?: (line: string) => void;
  /** The Fargate task the service stands for: its process runs under a quota of `vcpu` cores. */
  readonly task?: { readonly vcpu: number; readonly cpuQuotas: CpuQuotas };
}

const POLL_MS = 100; // between readiness probes
const PROBE_TIMEOUT_MS = 2_000; // per probe: a service still importing may accept and stall
const STOP_GRACE_MS = 10_000; // SIGTERM -> SIGKILL, as for the built-in service
const TAIL_LINES = 20;

/** The `server` header of one GET (undefined on any failure): names the runtime when sent. */
async function probe(url: string): Promise<{ ok: boolean; server: string | undefined }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    return { ok: res.ok, server: res.headers.get("server") ?? undefined };
  } catch {
    return { ok: false, server: undefined };
  }
}

function startFailure(start: SyncTargetStart, why: string, tail: OutputTail): LoadError {
  const output = tail.text().trim();
  return new LoadError(
    "QS_LOAD_TARGET_START_FAILED",
    `sync target start command \`${start.command.join(" ")}\` (in ${start.cwd}) ${why}; its last output:\n${output === "" ? "(none)" : output}`,
  );
}

async function waitReady(start: SyncTargetStart, child: ChildProcess, tail: OutputTail) {
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = `exited (${signal ?? `code ${String(code)}`}) before ${start.readiness} answered 2xx`;
  });
  child.once("error", (err) => {
    exited = `could not be started (${err.message})`;
  });
  const deadline = performance.now() + start.timeoutMs;
  while (performance.now() < deadline) {
    if (exited !== undefined) throw startFailure(start, exited, tail);
    const answer = await probe(start.readiness);
    if (answer.ok) return answer.server;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw startFailure(
    start,
    `was not ready at ${start.readiness} within ${start.timeoutMs} ms`,
    tail,
  );
}

async function launch(start: SyncTargetStart, o: HttpTargetOptions) {
  const [program, ...args] = start.command as [string, ...string[]];
  const { process: child, release } = await spawnGuarded(program, args, {
    cwd: start.cwd,
    env: { ...process.env, ...start.env },
  });
  const tail = new OutputTail(TAIL_LINES);
  child.stdout?.on("data", (c: Buffer) => tail.push(c));
  child.stderr?.on("data", (c: Buffer) => tail.push(c));
  if (o.task !== undefined && child.pid !== undefined) {
    o.task.cpuQuotas.limit(child.pid, o.task.vcpu, "target");
  }
  const stop = async () => {
    await stopChild(child, STOP_GRACE_MS);
    release();
  };
  try {
    const server = await waitReady(start, child, tail);
    return { child, server, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Makes the scenario's sync target ready: runs its start command (if any) and waits for its
 * readiness URL, or just reads the service's `server` header. The started process is stopped
 * by `stop()` and, should the harness die, by the process guard.
 */
export async function startHttpTarget(
  target: SyncTarget,
  options: HttpTargetOptions = {},
): Promise<StartedHttpTarget> {
  if (target.start === undefined) {
    const { server } = await probe(target.url);
    const stop = async () => {};
    return {
      analyzeUrl: target.url,
      server,
      processes: () => [],
      stop,
      [Symbol.asyncDispose]: stop,
    };
  }
  const started = await launch(target.start, options);
  options.log?.(
    `sync target: \`${target.start.command.join(" ")}\` ready (pid ${started.child.pid})`,
  );
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= started.stop();
    return stopped;
  };
  const pid = started.child.pid ?? -1;
  return {
    analyzeUrl: target.url,
    server: started.server,
    processes: () => [{ component: "sync-target", pid }],
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
