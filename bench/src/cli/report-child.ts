import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** What running the report tool produced. */
export interface ReportOutcome {
  readonly ran: boolean;
  readonly exitCode: number | null;
  /** Its stdout: the report paths it wrote. */
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node <repoRoot>/<script> ...args` as a child process when the script exists (built). The
 * harness never imports the reports or projection packages: they meet over result files.
 */
export function runBuiltScript(
  repoRoot: string,
  script: readonly string[],
  args: readonly string[],
): Promise<ReportOutcome> {
  const path = join(repoRoot, ...script);
  if (!existsSync(path)) {
    return Promise.resolve({ ran: false, exitCode: null, stdout: "", stderr: "" });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr = (stderr + c).slice(-8_000);
    });
    child.once("error", (err) =>
      resolve({ ran: true, exitCode: null, stdout, stderr: String(err) }),
    );
    child.once("close", (code) => resolve({ ran: true, exitCode: code, stdout, stderr }));
  });
}

/** Runs `node reports/dist/bin/report.js <run-dir>` (see `runBuiltScript`). */
export function runReport(repoRoot: string, runDir: string): Promise<ReportOutcome> {
  return runBuiltScript(repoRoot, ["reports", "dist", "bin", "report.js"], [runDir]);
}
