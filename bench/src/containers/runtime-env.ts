import { probeContainerRuntime } from "../broker/runtime-probe.js";
import { ContainerError } from "./errors.js";

/** The script that installs and starts a container runtime on hosts without Docker. */
export const SETUP_SCRIPT = "docker/setup-podman.sh";

/** The socket `docker/setup-podman.sh` serves podman's Docker-compatible API on. */
export const PODMAN_SOCKET = "/run/podman/podman.sock";

/** A container runtime that answered, and the environment testcontainers needs to use it. */
export interface DetectedRuntime {
  readonly location: string;
  readonly podman: boolean;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Finds a Docker-compatible runtime (DOCKER_HOST, Docker's sockets, then podman's) and says what
 * testcontainers needs to use it. For podman (podman.md section 6): Ryuk's image cannot be
 * pulled, so it is off and the harness stops its own containers; `/.dockerenv` on these hosts
 * makes testcontainers answer the bridge gateway as host unless the host is overridden.
 * Returns `undefined` when nothing answered.
 */
export async function detectContainerRuntime(): Promise<DetectedRuntime | undefined> {
  const probe = await probeContainerRuntime("queueshift-probe:none");
  if (!probe.ok) return undefined;
  const podman = probe.location.includes("podman");
  const socket = /unix:\/\/(\S+)/.exec(probe.location)?.[1];
  const env: Record<string, string> = {};
  if (process.env.DOCKER_HOST === undefined && socket !== undefined) {
    env.DOCKER_HOST = `unix://${socket}`;
  }
  if (podman) {
    env.TESTCONTAINERS_RYUK_DISABLED = "true";
    env.TESTCONTAINERS_HOST_OVERRIDE = "localhost";
  }
  return { location: probe.location, podman, env };
}

/**
 * Detects the runtime and sets what testcontainers needs in `process.env` (values the user set
 * win). Throws `QS_CONTAINER_NO_RUNTIME`, naming the setup script, when nothing answered.
 */
export async function useContainerRuntime(): Promise<DetectedRuntime> {
  const found = await detectContainerRuntime();
  if (found === undefined) {
    throw new ContainerError(
      "QS_CONTAINER_NO_RUNTIME",
      `no container runtime answered (DOCKER_HOST, /var/run/docker.sock, ${PODMAN_SOCKET}); run \`sudo sh ${SETUP_SCRIPT}\` (installs rootful podman and starts its Docker-compatible socket) or start Docker`,
    );
  }
  for (const [key, value] of Object.entries(found.env)) process.env[key] ??= value;
  return found;
}
