import { type ChildProcess, spawn } from "node:child_process";
import { systemClock } from "../clock/index.js";
import { readPeakRssKB } from "../process/proc-reader.js";
import { hasExited } from "../process/process-guard.js";
import { trackEnvironment } from "./environment-guard.js";
import type {
  EnvironmentLauncher,
  LaunchedRuntime,
  LaunchRequest,
} from "./environment-launcher.js";
import { lambdaEnvironment } from "./environment-spawn.js";
import { LambdaPlatformError } from "./errors.js";
import { runtimeLaunch } from "./runtimes.js";

/**
 * Each environment a child process of the harness running the function's runtime
 * (`runtimeLaunch`): the default, and the one the process figures are measured with.
 */
export const processLauncher: EnvironmentLauncher = Object.freeze({
  kind: "process",
  launch: (request: LaunchRequest) => Promise.resolve(launchProcess(request)),
});

function launchProcess(request: LaunchRequest): LaunchedRuntime {
  const { config } = request;
  const launch = runtimeLaunch(config, request.builtinEntry);
  const identity = {
    streamName: request.streamName,
    runtimeApi: request.runtimeApi,
    ...(launch.executionEnv === undefined ? {} : { executionEnv: launch.executionEnv }),
  };
  const socketPath = request.runtimeApiSocket;
  const requestedUs = systemClock.nowUs();
  const child = spawn(launch.program, [...launch.args], {
    cwd: launch.cwd,
    env: {
      ...lambdaEnvironment(config, identity),
      ...(socketPath === undefined ? {} : { QUEUESHIFT_RUNTIME_API_SOCKET: socketPath }),
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a terminal's Ctrl-C reaches only the harness, which drains and
    // then stops its environments in order; a kill takes the whole group (a `command` wrapper's
    // children too). Runtimes exit when their Runtime API goes away.
    detached: true,
  });
  const runtime = processRuntime(child, requestedUs);
  try {
    trackEnvironment(child);
    if (request.limitCpu !== undefined && child.pid !== undefined)
      applyQuota(request.limitCpu, child.pid);
  } catch (err) {
    runtime.kill();
    throw err;
  }
  return runtime;
}

function processRuntime(child: ChildProcess, requestedUs: number): LaunchedRuntime {
  const pid = child.pid ?? -1;
  return {
    pid,
    label: `pid ${pid}`,
    requestedUs,
    events: child,
    stdout: child.stdout,
    stderr: child.stderr,
    hasExited: () => hasExited(child),
    kill: () => killGroup(child),
    peakMemoryKB: () => readPeakRssKB(pid),
  };
}

function applyQuota(limitCpu: (pid: number) => void, pid: number): void {
  try {
    limitCpu(pid);
  } catch (err) {
    throw new LambdaPlatformError("QS_LAMBDA_INIT_FAILED", "could not apply the CPU quota", {
      cause: err,
    });
  }
}

/** SIGKILL to the process group (detached: the group id is the pid), else to the process. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}
