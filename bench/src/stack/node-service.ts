import type { ChildProcess } from "node:child_process";
import { spawnGuarded, stopChild } from "../process/process-guard.js";

/** A Node service process that announced itself with a JSON `{"event":"listening",...}` line. */
export interface NodeService {
  readonly pid: number;
  readonly child: ChildProcess;
  /** The parsed listening event (port, url, ...). */
  readonly listening: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Options of `startNodeService`. */
export interface NodeServiceOptions {
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** `taskset -c` core list, when the run pins the system under test. */
  readonly cores?: string;
  readonly startupTimeoutMs?: number;
  readonly stopGraceMs?: number;
  /** Every JSON line the service prints (events such as worker-died). */
  readonly onEvent?: (event: Record<string, unknown>) => void;
}

/** Spawns `node <script>`, waits for its listening line, and returns a handle that stops it. */
export async function startNodeService(options: NodeServiceOptions): Promise<NodeService> {
  const node = [process.execPath, options.script, ...(options.args ?? [])];
  const argv = options.cores ? ["taskset", "-c", options.cores, ...node] : node;
  const { process: child, release } = await spawnGuarded(argv[0] as string, argv.slice(1), {
    // Loopback unless the caller says otherwise: an inherited HOST must not expose the service.
    env: { ...process.env, HOST: "127.0.0.1", ...options.env },
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (c: string) => {
    stderr = (stderr + c).slice(-4_000);
  });
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `${options.name} did not start within ${options.startupTimeoutMs ?? 15_000} ms: ${stderr}`,
          ),
        ),
      options.startupTimeoutMs ?? 15_000,
    );
    let buffer = "";
    let announced = false;
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith("{")) continue;
        const event = JSON.parse(line) as Record<string, unknown>;
        options.onEvent?.(event);
        if (!announced && event.event === "listening") {
          announced = true;
          clearTimeout(timer);
          resolve(event);
        }
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(`${options.name} exited with code ${code} before listening: ${stderr.trim()}`),
      );
    });
  });
  return {
    pid: child.pid ?? -1,
    child,
    listening,
    async stop() {
      await stopChild(child, options.stopGraceMs ?? 10_000);
      release();
    },
  };
}
