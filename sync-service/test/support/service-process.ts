import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** The built entry point: integration tests run what `npm run start:sync` runs. */
export const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

type Event = Record<string, unknown> & { event?: string };

/** A sync-service process whose JSON-line events a test can wait for. */
export class ServiceProcess {
  readonly events: Event[] = [];
  private readonly waiters: Array<{ match: (e: Event) => boolean; resolve: (e: Event) => void }> =
    [];
  stderr = "";
  /** Resolves with the exit code once the process has exited and its output is read. */
  readonly closed: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    this.closed = once(child, "close").then(([code]) => code as number | null);
    let buffer = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf("\n");
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf("\n");
        if (!line.startsWith("{")) continue;
        const event = JSON.parse(line) as Event;
        this.events.push(event);
        for (const w of [...this.waiters]) {
          if (w.match(event)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** Spawns `node dist/main.js` with the given environment on a free port. */
  static start(env: Record<string, string>): ServiceProcess {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new ServiceProcess(child);
  }

  /** Resolves with the first event (past or future) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (e: Event) => boolean, timeoutMs = 20_000): Promise<Event> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching event in ${timeoutMs} ms; events: ${JSON.stringify(this.events)}; stderr: ${this.stderr}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.closed;
  }
}
