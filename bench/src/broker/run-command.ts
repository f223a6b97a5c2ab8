import { spawn } from "node:child_process";
import { OutputTail } from "./output-tail.js";

/** How a finished command ended. */
export interface CommandResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** The last lines of stdout and stderr, interleaved. */
  readonly tail: string;
}

/**
 * Runs a short-lived tool (mvn, java -version) to completion with a hard time limit; a
 * command that overruns is killed (SIGKILL: a tool that ignored the limit gets no grace).
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { timeoutMs: number; cwd?: string; tailLines?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const tail = new OutputTail(options.tailLines ?? 40);
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => tail.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => tail.push(chunk));
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, tail: tail.text() });
    });
  });
}
