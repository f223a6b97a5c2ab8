import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI (integration tests run `dist/`; `npm test` builds first). */
export const CLI = fileURLToPath(new URL("../../../dist/bin/bench.js", import.meta.url));

/** What a CLI run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started CLI process; `done` settles when it exits. */
export interface StartedCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliRun>;
  /** Resolves once stderr contains `text` (or rejects when the process exits first). */
  waitForStderr(text: string): Promise<void>;
}

/**
 * Spawns `node bench.js ...args`; the caller must await `done` (tests stop it in finally).
 * `ownGroup` starts it as a process-group leader, as a shell does, so a test can signal the
 * whole group the way a terminal's Ctrl-C does.
 */
export function startCli(
  args: readonly string[],
  timeoutMs = 90_000,
  ownGroup = false,
  env: NodeJS.ProcessEnv = process.env,
): StartedCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: ownGroup,
    env,
  });
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout?.setEncoding("utf8").on("data", (c: string) => {
    stdout += c;
  });
  child.stderr?.setEncoding("utf8").on("data", (c: string) => {
    stderr += c;
    for (const w of waiters.splice(0)) {
      if (stderr.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  });
  // A hung CLI must not hang the suite: kill it after the bound.
  const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const done = new Promise<CliRun>((resolve) => {
    child.once("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitForStderr: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void done.then(() => reject(new Error(`CLI exited before printing "${text}":\n${stderr}`)));
      }),
  };
}

/** Runs the CLI to completion (with `env` instead of this process's environment, if given). */
export function runCliProcess(
  args: readonly string[],
  timeoutMs?: number,
  env?: NodeJS.ProcessEnv,
): Promise<CliRun> {
  return startCli(args, timeoutMs, false, env).done;
}
