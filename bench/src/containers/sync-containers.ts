import type { StartedTestContainer } from "testcontainers";
import { freeLoopbackPort } from "../broker/free-port.js";
import type { StackProcess } from "../stack/stack-process.js";
import { startContainer, stopContainer } from "./container-kit.js";
import { CONTAINER_IMAGES } from "./images.js";
import { renderNginxConfig } from "./nginx-config.js";
import { waitForHttp } from "./wait-http.js";

/** The smallest valid Fargate memory for a vCPU size: 2 GB per vCPU (aws-facts 8.2). */
export function fargateMemoryMB(vcpu: number): number {
  return Math.round(vcpu * 2048);
}

/** Options of the containerised sync stack. */
export interface ContainerSyncOptions {
  /** sync-service containers (Fargate tasks) behind nginx. */
  readonly tasks: number;
  /** Each task's vCPU: its container's `--cpus`, and `--memory` of `fargateMemoryMB(vcpu)`. */
  readonly taskVcpu: number;
  /** Node workers in each container (`WORKERS`). */
  readonly workersPerTask: number;
  readonly log?: (line: string) => void;
}

/** N sync-service containers behind an nginx container, all on the host's loopback. */
export interface StartedContainerSyncStack {
  readonly analyzeUrl: string;
  /** The task containers, in order (a test kills one). */
  readonly tasks: readonly { readonly container: StartedTestContainer; readonly port: number }[];
  processes(): StackProcess[];
  stop(): Promise<void>;
}

/** Starts the task containers, waits for each to be ready, then nginx in front of them. */
export async function startContainerSyncStack(
  options: ContainerSyncOptions,
): Promise<StartedContainerSyncStack> {
  const started: StartedTestContainer[] = [];
  const stop = async () => {
    await Promise.allSettled(started.splice(0).map((c) => stopContainer(c)));
  };
  try {
    const ports = await distinctPorts(options.tasks + 1);
    const nginxPort = ports.pop() as number; // distinctPorts returns tasks + 1 ports
    const tasks = await Promise.all(
      ports.map(async (port, i) => {
        const container = await startContainer({
          name: `sync-${i + 1}`,
          image: CONTAINER_IMAGES.syncService,
          env: { PORT: String(port), HOST: "127.0.0.1", WORKERS: String(options.workersPerTask) },
          cpus: options.taskVcpu,
          memoryMB: fargateMemoryMB(options.taskVcpu),
          readyLog: /"event":"listening"/,
        });
        started.push(container);
        return { container, port };
      }),
    );
    const config = await renderNginxConfig(
      ports.map((p) => `127.0.0.1:${p}`),
      nginxPort,
    );
    started.push(
      await startContainer({
        name: "nginx",
        image: CONTAINER_IMAGES.nginx,
        files: [{ content: config, target: "/etc/nginx/nginx.conf" }],
      }),
    );
    const baseUrl = `http://127.0.0.1:${nginxPort}`;
    await waitForHttp(`${baseUrl}/readyz`, 30_000);
    options.log?.(
      `sync: ${options.tasks} sync-service container(s) (${options.taskVcpu} vCPU, ${fargateMemoryMB(options.taskVcpu)} MB each) behind nginx at ${baseUrl}`,
    );
    return {
      analyzeUrl: `${baseUrl}/v1/analyze`,
      tasks,
      processes: () => [], // container processes are accounted by the runtime, not by pid here
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function distinctPorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let tries = 0; ports.size < n && tries < n * 10; tries++)
    ports.add(await freeLoopbackPort());
  if (ports.size < n) throw new Error(`could not find ${n} free loopback ports`);
  return [...ports];
}
