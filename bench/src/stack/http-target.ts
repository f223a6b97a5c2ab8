import type { ChildProcess } from "node:child_process";
import { OutputTail } from "../broker/output-tail.js";
import { LoadError } from "../load/errors.js";
import type { CpuQuotas } from "../process/cpu-quota.js";
import { spawnGuarded, stopChild } from "../process/process-guard.js";
import type { TargetStart } from "../scenario/target-types.js";
import type { StackProcess } from "./stack-process.js";

/** A target ready for load: the user's HTTP service or front door, started by the harness or not. */
export interface StartedHttpTarget extends AsyncDisposable {
  readonly analyzeUrl: string;
  /** The `server` header the target answered with (e.g. "uvicorn"), when it sent one. */
  readonly server: string | undefined;
  processes(): StackProcess[];
  stop(): Promise<void>;
}

/** What the target is, for messages and the process list. */
export const HTTP_TARGET_ROLES = Object.freeze({
  sync: { name: "sync target", field: "targets.sync.url", component: "sync-target" },
  frontDoor: {
    name: "async front door",
    field: "targets.async.enqueueUrl",
    component: "front-door",
  },
});

/** Options of `startHttpTarget`. */
export interface HttpTargetOptions {
  readonly log?: (line: string) => void;
  /** The Fargate task the service stands for: its process runs under a quota of `vcpu` cores. */
  readonly task?: { readonly vcpu: number; readonly cpuQuotas: CpuQuotas };
  /** Default: the sync target. */
  readonly role?: (typeof HTTP_TARGET_ROLES)[keyof typeof HTTP_TARGET_ROLES];
  /** The harness's variables for the start command (the front door's queue); `start.env` wins. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The part of a target the harness starts and loads: its URL and optional start command. */
export interface HttpTargetSpec {
  readonly url: string;
  readonly start?: TargetStart | undefined;
}

const POLL_MS = 100; // between readiness probes
const PROBE_TIMEOUT_MS = 2_000; // per probe: a service still importing may accept and stall
const STOP_GRACE_MS = 10_000; // SIGTERM -> SIGKILL, as for the built-in service
const TAIL_LINES = 20;

/** What one GET got: any HTTP answer, a 2xx, and the `server` header that names the runtime. */
interface Probe {
  readonly answered: boolean;
  readonly ok: boolean;
  readonly server: string | undefined;
  readonly error?: string;
}

async function probe(url: string): Promise<Probe> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    return { answered: true, ok: res.ok, server: res.headers.get("server") ?? undefined };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { answered: false, ok: false, server: undefined, error: cause ?? String(err) };
  }
}

function startFailure(role: string, start: TargetStart, why: string, tail: OutputTail): LoadError {
  const output = tail.text().trim();
  return new LoadError(
    "QS_LOAD_TARGET_START_FAILED",
    `${role} start command \`${start.command.join(" ")}\` (in ${start.cwd}) ${why}; its last output:\n${output === "" ? "(none)" : output}`,
  );
}

async function waitReady(role: string, start: TargetStart, child: ChildProcess, tail: OutputTail) {
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = `exited (${signal ?? `code ${String(code)}`}) before ${start.readiness} answered 2xx`;
  });
  child.once("error", (err) => {
    exited = `could not be started (${err.message})`;
  });
  const deadline = performance.now() + start.timeoutMs;
  while (performance.now() < deadline) {
    if (exited !== undefined) throw startFailure(role, start, exited, tail);
    const answer = await probe(start.readiness);
    if (answer.ok) return answer.server;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw startFailure(
    role,
    start,
    `was not ready at ${start.readiness} within ${start.timeoutMs} ms`,
    tail,
  );
}

async function launch(start: TargetStart, o: HttpTargetOptions, role: string) {
  const [program, ...args] = start.command as [string, ...string[]];
  const { process: child, release } = await spawnGuarded(program, args, {
    cwd: start.cwd,
    env: { ...process.env, ...o.env, ...start.env },
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
    const server = await waitReady(role, start, child, tail);
    return { child, server, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Makes the scenario's sync target (or front door) ready: runs its start command (if any) and
 * waits for its readiness URL, or just reads the service's `server` header. The started process
 * is stopped by `stop()` and, should the harness die, by the process guard.
 */
export async function startHttpTarget(
  target: HttpTargetSpec,
  options: HttpTargetOptions = {},
): Promise<StartedHttpTarget> {
  const role = options.role ?? HTTP_TARGET_ROLES.sync;
  if (target.start === undefined) {
    // Any HTTP answer will do (a GET on a POST route may well be 405): the service is there.
    const { answered, server, error } = await probe(target.url);
    if (!answered) {
      throw new LoadError(
        "QS_LOAD_TARGET_UNREACHABLE",
        `${role.field} ${target.url} does not answer HTTP (${error ?? "no answer"}); start the service or give its start command`,
      );
    }
    const stop = async () => {};
    return {
      analyzeUrl: target.url,
      server,
      processes: () => [],
      stop,
      [Symbol.asyncDispose]: stop,
    };
  }
  const started = await launch(target.start, options, role.name);
  options.log?.(
    `${role.name}: \`${target.start.command.join(" ")}\` ready (pid ${started.child.pid})`,
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
    processes: () => [{ component: role.component, pid }],
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
