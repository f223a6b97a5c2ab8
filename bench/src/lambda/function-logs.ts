import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/** One line the handler wrote, tagged with its environment (CloudWatch's log stream). */
export interface FunctionLogLine {
  readonly environmentId: string;
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

/** Where handler output goes; the platform itself never prints. */
export type FunctionLogSink = (line: FunctionLogLine) => void;

/** Forwards a runtime's output lines to `sink`, or drains them so a chatty handler never blocks. */
export function attachLogs(
  child: { readonly stdout: Readable | null; readonly stderr: Readable | null },
  environmentId: string,
  sink?: FunctionLogSink,
): void {
  for (const stream of ["stdout", "stderr"] as const) {
    const readable = child[stream];
    if (readable === null) continue;
    if (sink === undefined) {
      readable.resume();
      continue;
    }
    const lines = createInterface({ input: readable, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (text) => sink({ environmentId, stream, text }));
  }
}
