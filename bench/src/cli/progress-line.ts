import type { ProgressSnapshot } from "../run/run-types.js";

function ms(us: number): string {
  return us >= 1e6 ? `${(us / 1e6).toFixed(2)} s` : `${(us / 1e3).toFixed(1)} ms`;
}

/** One progress line: elapsed/total, phase, offered vs achieved, p99, queue, environments, errors. */
export function formatProgress(p: ProgressSnapshot): string {
  const parts = [
    `[${p.scenario} ${p.architecture} ${p.phase}]`,
    `${Math.round(p.elapsedSeconds)}/${Math.round(p.plannedSeconds)} s`,
    `offered ${p.offeredRate}/s achieved ${p.achievedRate}/s`,
    `p99 ${p.p99Us > 0 ? ms(p.p99Us) : "-"}`,
  ];
  if (p.queueVisible !== undefined) {
    parts.push(`queue ${p.queueVisible} visible/${p.queueInFlight ?? 0} in flight`);
  }
  if (p.environments !== undefined) {
    const e = p.environments;
    parts.push(`env ${e.busy} busy/${e.idle} idle/${e.starting} starting`);
  }
  parts.push(`errors ${p.errors}`);
  return parts.join(" | ");
}

/** Where progress goes: stderr and whether it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Prints progress: on a terminal one line rewritten in place; otherwise a line every
 * `everyMs` (~5 s) and at each phase change, so CI logs stay short. Log lines clear it first.
 */
export class ProgressPrinter {
  readonly #out: ProgressStream;
  readonly #everyMs: number;
  #lastAt = 0;
  #lastPhase = "";
  #live = false;

  constructor(out: ProgressStream, everyMs = 5_000) {
    this.#out = out;
    this.#everyMs = everyMs;
  }

  /** Shows a snapshot. */
  readonly update = (p: ProgressSnapshot): void => {
    const line = formatProgress(p);
    if (this.#out.isTTY) {
      this.#out.write(`\r\x1b[2K${line}`);
      this.#live = true;
      return;
    }
    const key = `${p.scenario}/${p.architecture}/${p.phase}`;
    const now = Date.now();
    if (key !== this.#lastPhase || now - this.#lastAt >= this.#everyMs) {
      this.#out.write(`${line}\n`);
      this.#lastAt = now;
      this.#lastPhase = key;
    }
  };

  /** Prints a log line above the live progress line. */
  readonly log = (line: string): void => {
    this.clear();
    this.#out.write(`${line}\n`);
  };

  /** Removes the live line (before final output). */
  clear(): void {
    if (this.#live) this.#out.write("\r\x1b[2K");
    this.#live = false;
  }
}
