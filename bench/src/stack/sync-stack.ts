import { startNodeService } from "./node-service.js";
import { ARTEFACTS, requireArtefact } from "./paths.js";
import type { StackProcess } from "./stack-process.js";

/** Options of the sync stack (architecture A). */
export interface SyncStackOptions {
  /** Worker processes behind the cluster primary (the local stand-in for an ALB over N tasks). */
  readonly workers: number;
  readonly cores?: string;
  readonly log?: (line: string) => void;
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
  const service = await startNodeService({
    name: "sync service",
    script: requireArtefact(ARTEFACTS.syncMain),
    env: { PORT: "0", HOST: "127.0.0.1", WORKERS: String(options.workers), LOG_LEVEL: "warn" },
    ...(options.cores ? { cores: options.cores } : {}),
    onEvent: (e) => {
      if (e.event === "worker-online" && typeof e.pid === "number") workers.set(e.pid, true);
      if (e.event === "worker-died" && typeof e.pid === "number") {
        workers.delete(e.pid);
        log(
          `sync service: worker ${e.pid} died (${String(e.signal ?? e.code)}), replaced by ${String(e.replacedBy)}`,
        );
      }
    },
  });
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
