import { EventEmitter } from "node:events";
import { constants } from "node:os";
import { PassThrough } from "node:stream";
import type { StartedTestContainer } from "testcontainers";
import type { LaunchedRuntime } from "../lambda/index.js";
import { cgroupPeakMemoryFile, readPeakMemoryKB } from "./cgroup-memory.js";
import { containerClient, forgetContainer } from "./container-kit.js";

/**
 * A started execution-environment container as the platform watches a runtime: its logs
 * followed from the runtime (stdout and stderr apart), its exit from the runtime's `wait` (the
 * container's end is the environment's death, so kill, timeout and crash paths are the
 * process's), SIGKILL through the API, and memory from the container's cgroup. The container
 * removes itself on exit (`selfRemoving`); here it only leaves the registry.
 */
export async function watchEnvironmentContainer(
  started: StartedTestContainer,
  requestedUs: number,
): Promise<LaunchedRuntime> {
  const client = await containerClient();
  const id = started.getId();
  const container = client.container.getById(id);
  const events = new EventEmitter();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let exited = false;
  const gone = (status: number | null) => {
    if (exited) return;
    exited = true;
    forgetContainer(id);
    const [code, signal] = statusToExit(status);
    events.emit("exit", code, signal);
  };
  container.logs({ follow: true, stdout: true, stderr: true }).then(
    (stream) => {
      client.container.dockerode.modem.demuxStream(stream, stdout, stderr);
      stream.on("end", () => {
        stdout.end();
        stderr.end();
      });
    },
    () => {
      stdout.end();
      stderr.end();
    },
  );
  container.wait().then(
    (r: { StatusCode?: number }) => gone(r.StatusCode ?? null),
    // Gone already (removed before the wait began) or the API failed: either way the
    // environment is over; a kill makes sure nothing keeps running unwatched.
    () => {
      container.kill({ signal: "SIGKILL" }).catch(() => {});
      gone(null);
    },
  );
  const pid = await hostPid(container);
  const memoryFile = pid > 0 ? cgroupPeakMemoryFile(pid) : undefined;
  return {
    pid,
    label: `container ${id.slice(0, 12)}`,
    requestedUs,
    events,
    stdout,
    stderr,
    hasExited: () => exited,
    kill: () => {
      container.kill({ signal: "SIGKILL" }).catch(() => {}); // not running any more: its wait ends
    },
    peakMemoryKB: () => readPeakMemoryKB(memoryFile),
  };
}

/** The container's init as the host sees it (`State.Pid`); -1 once it is gone. */
async function hostPid(container: { inspect(): Promise<{ State: { Pid: number } }> }) {
  try {
    const pid = (await container.inspect()).State.Pid;
    return pid > 0 ? pid : -1;
  } catch {
    return -1;
  }
}

/** A container's exit status as a process's exit: 128 + n is signal n (the shell's rule). */
function statusToExit(status: number | null): [number | null, NodeJS.Signals | null] {
  if (status === null || status <= 128) return [status, null];
  const signal = Object.entries(constants.signals).find(([, n]) => n === status - 128)?.[0];
  return signal === undefined ? [status, null] : [null, signal as NodeJS.Signals];
}
