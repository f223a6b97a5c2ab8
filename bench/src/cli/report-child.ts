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
 * Runs `node reports/dist/bin/report.js <run-dir>` as a child process when it exists. The
 * harness never imports the reports package: they meet over result files.
 */
export function runReport(repoRoot: string, runDir: string): Promise<ReportOutcome> {
  const script = join(repoRoot, "reports", "dist", "bin", "report.js");
  if (!existsSync(script)) {
    return Promise.resolve({ ran: false, exitCode: null, stdout: "", stderr: "" });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, runDir], { stdio: ["ignore", "pipe", "pipe"] });
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
