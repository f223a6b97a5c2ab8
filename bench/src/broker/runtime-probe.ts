import { access } from "node:fs/promises";
import { request } from "node:http";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where a container runtime answered, and whether it already holds the image. */
export interface ContainerRuntimeFound {
  readonly ok: true;
  readonly location: string;
  readonly imagePresent: boolean;
}

/** Why no container runtime can be used. */
export interface ContainerRuntimeMissing {
  readonly ok: false;
  readonly reason: string;
}

type Target = {
  readonly label: string;
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
};

export { findOnPath } from "../process/process-guard.js";

/**
 * Asks the Docker-compatible API (`GET /_ping`) at DOCKER_HOST or the usual sockets whether a
 * runtime answers, then whether `image` is present locally. Bounded by `timeoutMs` per target,
 * so a machine without Docker learns it in well under the 2 s budget (sockets are absent).
 */
export async function probeContainerRuntime(
  image: string,
  timeoutMs = 1_500,
): Promise<ContainerRuntimeFound | ContainerRuntimeMissing> {
  const { targets, skipped } = candidateTargets();
  const tried: string[] = [...skipped];
  for (const target of targets) {
    if (target.socketPath !== undefined && !(await exists(target.socketPath))) {
      tried.push(`${target.label} (no socket)`);
      continue;
    }
    const ping = await httpGet(target, "/_ping", timeoutMs);
    if (ping !== 200) {
      tried.push(`${target.label} (${ping === undefined ? "no answer" : `HTTP ${ping}`})`);
      continue;
    }
    const inspect = await httpGet(target, `/images/${encodeURIComponent(image)}/json`, timeoutMs);
    return { ok: true, location: target.label, imagePresent: inspect === 200 };
  }
  return { ok: false, reason: `no container runtime answered at ${tried.join(", ")}` };
}

function candidateTargets(): { targets: Target[]; skipped: string[] } {
  const dockerHost = process.env.DOCKER_HOST;
  if (dockerHost !== undefined && dockerHost !== "") {
    if (dockerHost.startsWith("unix://")) {
      return {
        targets: [{ label: `DOCKER_HOST=${dockerHost}`, socketPath: dockerHost.slice(7) }],
        skipped: [],
      };
    }
    const url = safeUrl(dockerHost.replace(/^tcp:/, "http:"));
    // The harness talks to loopback only (repo rule); a remote daemon is the user's call.
    if (url !== undefined && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
      const port = Number(url.port || 2375);
      return {
        targets: [{ label: `DOCKER_HOST=${dockerHost}`, host: url.hostname, port }],
        skipped: [],
      };
    }
    return { targets: [], skipped: [`DOCKER_HOST=${dockerHost} (not a loopback or unix address)`] };
  }
  const sockets = [
    "/var/run/docker.sock",
    join(homedir(), ".docker", "run", "docker.sock"),
    ...(process.env.XDG_RUNTIME_DIR
      ? [join(process.env.XDG_RUNTIME_DIR, "podman", "podman.sock")]
      : []),
    "/run/podman/podman.sock",
  ];
  return {
    targets: sockets.map((s) => ({ label: `unix://${s}`, socketPath: s })),
    skipped: ["DOCKER_HOST (unset)"],
  };
}

function httpGet(target: Target, path: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(
      {
        socketPath: target.socketPath,
        host: target.host,
        port: target.port,
        path,
        method: "GET",
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.once("timeout", () => req.destroy());
    req.once("error", () => resolve(undefined));
    req.end();
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
