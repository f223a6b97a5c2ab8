import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { ContainerRuntimeClient, StartedTestContainer } from "testcontainers";
import { findOnPath } from "../process/process-guard.js";
import { ContainerError } from "./errors.js";

/** Every container the harness starts carries this label (`podman ps -a --filter label=...`). */
export const TARGET_LABEL = "queueshift.target";
/** ...and this one, naming the harness process's session, so a test checks only its own. */
export const SESSION_LABEL = "queueshift.session";

/** This process's session id (`QUEUESHIFT_CONTAINER_SESSION` lets a test choose it). */
export const CONTAINER_SESSION =
  process.env.QUEUESHIFT_CONTAINER_SESSION ?? `qs-${process.pid}-${randomBytes(3).toString("hex")}`;

/** One container to start on the host's network namespace. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  /** CPU and memory limits (`--cpus`, `--memory`). */
  readonly cpus?: number;
  readonly memoryMB?: number;
  /** Files copied in before start. */
  readonly files?: ReadonlyArray<{ readonly content: string; readonly target: string }>;
  /**
   * The runtime removes it once it exits (`--rm`), so none is left even when the harness
   * cannot remove it (killed with SIGKILL); the caller then `forgetContainer`s it on exit.
   */
  readonly selfRemoving?: boolean;
  /** Ready when a log line matches; absent: ready once started (the caller checks further). */
  readonly readyLog?: RegExp;
  readonly startupTimeoutMs?: number;
}

const live = new Map<string, StartedTestContainer>();
let exitHookInstalled = false;
/** The runtime's CLI (podman, else docker), for what must run synchronously. */
let cli: string | undefined;

/**
 * Starts a container with host networking, so its ports are the host's loopback ports (the
 * harness talks to 127.0.0.1 only, and no port mapping or NAT sits on the measured path).
 * Every container is registered: `stopAllContainers` and the exit hook remove what is left.
 */
export async function startContainer(spec: ContainerSpec): Promise<StartedTestContainer> {
  await installExitHook();
  const { GenericContainer, Wait } = await import("testcontainers");
  // testcontainers' own auto-remove is its stop's; the runtime's (HostConfig) is protected.
  class HarnessContainer extends GenericContainer {
    withRuntimeRemoval(): this {
      this.hostConfig.AutoRemove = true;
      return this;
    }
  }
  let builder = new HarnessContainer(spec.image)
    .withNetworkMode("host")
    .withLabels({ [TARGET_LABEL]: spec.name, [SESSION_LABEL]: CONTAINER_SESSION })
    .withEnvironment({ ...spec.env })
    .withStartupTimeout(spec.startupTimeoutMs ?? 60_000)
    // Host networking has no mapped ports to probe; readiness is the log line or the caller's.
    .withWaitStrategy(
      spec.readyLog === undefined ? Wait.forListeningPorts() : Wait.forLogMessage(spec.readyLog),
    );
  if (spec.selfRemoving === true) builder = builder.withRuntimeRemoval();
  if (spec.command !== undefined) builder = builder.withCommand([...spec.command]);
  if (spec.files !== undefined) builder = builder.withCopyContentToContainer([...spec.files]);
  if (spec.cpus !== undefined || spec.memoryMB !== undefined) {
    builder = builder.withResourcesQuota({
      ...(spec.cpus === undefined ? {} : { cpu: spec.cpus }),
      ...(spec.memoryMB === undefined ? {} : { memory: spec.memoryMB / 1024 }), // GB
    });
  }
  try {
    const started = await builder.start();
    live.set(started.getId(), started);
    return started;
  } catch (cause) {
    removeUnregistered(spec.name);
    throw new ContainerError(
      "QS_CONTAINER_START_FAILED",
      `${spec.name} (${spec.image}) did not start: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * A start that failed can leave its container created (not running, so not in the API's default
 * list): remove this session's containers of that name that were never registered.
 */
function removeUnregistered(name: string): void {
  if (cli === undefined) return;
  const filters = [`label=${SESSION_LABEL}=${CONTAINER_SESSION}`, `label=${TARGET_LABEL}=${name}`];
  const listed = spawnSync(cli, ["ps", "-aq", ...filters.flatMap((f) => ["--filter", f])], {
    encoding: "utf8",
    timeout: 10_000,
  });
  const stray = (listed.stdout ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter((id) => id !== "" && ![...live.keys()].some((k) => k.startsWith(id)));
  if (stray.length > 0)
    spawnSync(cli, ["rm", "-f", ...stray], { stdio: "ignore", timeout: 10_000 });
}

/** Stops and removes one container (idempotent). */
export async function stopContainer(container: StartedTestContainer, timeoutS = 5): Promise<void> {
  if (!live.delete(container.getId())) return;
  await container.stop({ timeout: timeoutS * 1000, remove: true });
}

/**
 * testcontainers' client of the runtime, loaded and connected once (importing it and finding
 * the runtime take about a second, which a measured container start must not include).
 */
export async function containerClient(): Promise<ContainerRuntimeClient> {
  await installExitHook();
  const { getContainerRuntimeClient } = await import("testcontainers");
  return getContainerRuntimeClient();
}

/** Drops a container that exited by itself (and that the runtime removes) from the registry. */
export function forgetContainer(id: string): void {
  live.delete(id);
}

/** Stops every container this process started and has not stopped yet. */
export async function stopAllContainers(): Promise<void> {
  await Promise.allSettled([...live.values()].map((c) => stopContainer(c, 2)));
}

/** The ids of the containers still running for this process. */
export function liveContainerIds(): string[] {
  return [...live.keys()];
}

// On a crash or an exit without teardown nothing asynchronous runs any more, and Ryuk (the
// reaper testcontainers would use) cannot run without a registry: remove the rest synchronously.
async function installExitHook(): Promise<void> {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  cli = (await findOnPath("podman")) ?? (await findOnPath("docker"));
  process.once("exit", () => {
    const ids = liveContainerIds();
    if (ids.length > 0 && cli !== undefined) {
      spawnSync(cli, ["rm", "-f", ...ids], { stdio: "ignore", timeout: 10_000 });
    }
  });
}
