import type { CpuQuotas } from "../process/cpu-quota.js";
import { startNodeService } from "./node-service.js";
import { ARTEFACTS, requireArtefact } from "./paths.js";
import type { StackProcess } from "./stack-process.js";

/** Options of the sync stack (architecture A). */
export interface SyncStackOptions {
  /** Worker processes behind the cluster primary (the local stand-in for an ALB over N tasks). */
  readonly workers: number;
  readonly cores?: string;
  readonly log?: (line: string) => void;
  /**
   * The Fargate task each group of workers stands for: with `cpuQuotas`, every `workersPerTask`
   * workers share one cgroup of `taskVcpu` cores, so service times are measured at the task's CPU.
   */
  readonly task?: { readonly vcpu: number; readonly cpuQuotas: CpuQuotas };
}

/** Workers per Fargate task: one per whole vCPU, and one for a fractional task (0.25, 0.5 vCPU). */
export function workersPerTask(vcpu: number): number {
  return Math.max(1, Math.floor(vcpu));
}

/**
 * Places workers in their tasks' CPU groups as they come online: a worker joins the first task
 * with a free slot, and a replacement takes the slot of the worker it replaces.
 */
function taskPlacer(task: NonNullable<SyncStackOptions["task"]>, workers: number) {
  const perTask = workersPerTask(task.vcpu);
  const slots: Array<Set<number>> = Array.from(
    { length: Math.ceil(workers / perTask) },
    () => new Set(),
  );
  const groups: Array<string | undefined> = [];
  return {
    online(pid: number): void {
      const i = slots.findIndex((members) => members.size < perTask);
      const at = i === -1 ? slots.length - 1 : i;
      const group = groups[at];
      if (group === undefined) groups[at] = task.cpuQuotas.limit(pid, task.vcpu, `task${at}`);
      else task.cpuQuotas.join(group, pid);
      slots[at]?.add(pid);
    },
    died(pid: number): void {
      for (const members of slots) members.delete(pid);
    },
  };
}

/** A running sync service. */
export interface StartedSyncStack extends AsyncDisposable {
  readonly baseUrl: string;
  /** `POST` target of the load: `${baseUrl}/v1/analyze`. */
  readonly analyzeUrl: string;
  /** The primary and its workers (pids change when a worker is replaced). */
  processes(): StackProcess[];
  stop(): Promise<void>;
}

/** Starts the built sync service (`sync-service/dist/main.js`) on a free loopback port. */
export async function startSyncStack(options: SyncStackOptions): Promise<StartedSyncStack> {
  const workers = new Map<number, true>();
  const log = options.log ?? (() => {});
  const placer = options.task ? taskPlacer(options.task, options.workers) : undefined;
  const service = await startNodeService({
    name: "sync service",
    script: requireArtefact(ARTEFACTS.syncMain),
    env: { PORT: "0", HOST: "127.0.0.1", WORKERS: String(options.workers), LOG_LEVEL: "warn" },
    ...(options.cores ? { cores: options.cores } : {}),
    onEvent: (e) => {
      if (e.event === "worker-online" && typeof e.pid === "number") {
        workers.set(e.pid, true);
        placer?.online(e.pid);
      }
      if (e.event === "worker-died" && typeof e.pid === "number") {
        workers.delete(e.pid);
        placer?.died(e.pid);
        log(
          `sync service: worker ${e.pid} died (${String(e.signal ?? e.code)}), replaced by ${String(e.replacedBy)}`,
        );
      }
    },
  });
  // WORKERS=1 runs one process that serves itself (no cluster primary, no worker events).
  if (options.workers === 1) placer?.online(service.pid);
  const baseUrl = `http://127.0.0.1:${String(service.listening.port)}`;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= service.stop();
    return stopped;
  };
  return {
    baseUrl,
    analyzeUrl: `${baseUrl}/v1/analyze`,
    processes: () => [
      { component: "sync-primary", pid: service.pid },
      ...[...workers.keys()].map((pid) => ({ component: "sync-worker", pid })),
    ],
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
