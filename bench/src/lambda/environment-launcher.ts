import type { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import type { FunctionConfig } from "./function-config.js";

/**
 * Where an execution environment's runtime runs: a child process of the harness (the default,
 * `processLauncher`) or a container of the function's image (`--target containers`). The
 * platform sees either through the same handle: logs, exit, kill and memory use, so its kill,
 * timeout and crash paths are the same for both.
 */
export interface EnvironmentLauncher {
  /** For messages and results: what an environment is. */
  readonly kind: "process" | "container";
  /** Starts the runtime; resolves once it was started, not once it is ready (its first `next`). */
  launch(request: LaunchRequest): Promise<LaunchedRuntime>;
}

/** What the platform hands a launcher for one environment. */
export interface LaunchRequest {
  readonly config: FunctionConfig;
  /** The `builtin` runtime's entry (process launcher); defaults to `defaultEntryPath()`. */
  readonly builtinEntry?: string;
  /** The log stream name, which the handler sees as AWS_LAMBDA_LOG_STREAM_NAME. */
  readonly streamName: string;
  /** `host:port` of the environment's Runtime API (AWS_LAMBDA_RUNTIME_API). */
  readonly runtimeApi: string;
  /** The same API on a Unix socket, for the built-in runtime (QUEUESHIFT_RUNTIME_API_SOCKET). */
  readonly runtimeApiSocket?: string;
  /** Puts a started process under its CPU quota (process launcher; a container has its own). */
  readonly limitCpu?: (pid: number) => void;
}

/** One started runtime, as the platform watches and stops it. */
export interface LaunchedRuntime {
  /** The host pid of the runtime (a container's init as the host sees it); -1 when unknown. */
  readonly pid: number;
  /** Names it in messages: `pid 1234`, `container 0123456789ab`. */
  readonly label: string;
  /** When its start was requested (`systemClock` us): the cold start runs from here to `next`. */
  readonly requestedUs: number;
  /**
   * Emits `exit` (code, signal) once it is gone, and `error` when it could not be started, with
   * ChildProcess's arguments (the process launcher hands the ChildProcess itself).
   */
  readonly events: EventEmitter;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** True once it has exited (before or after the `exit` event was seen). */
  hasExited(): boolean;
  /** SIGKILL (the process group, or the container); `exit` follows. */
  kill(): void;
  /** Its peak memory in kB (the process's VmHWM, the container's cgroup peak); 0 when unknown. */
  peakMemoryKB(): number;
}
