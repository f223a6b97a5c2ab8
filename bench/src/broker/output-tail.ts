/**
 * Keeps the last N lines of a process's output, so errors can quote what the process said
 * without holding a long-running broker's whole log in memory.
 */
export class OutputTail {
  readonly #max: number;
  readonly #lines: string[] = [];
  #partial = "";

  constructor(maxLines: number) {
    this.#max = maxLines;
  }

  /** Adds a chunk; returns the complete lines it finished (for pattern checks). */
  push(chunk: Buffer | string): string[] {
    const parts = (this.#partial + chunk.toString()).split(/\r?\n/);
    this.#partial = parts.pop() ?? "";
    for (const line of parts) {
      this.#lines.push(line);
      if (this.#lines.length > this.#max) this.#lines.shift();
    }
    return parts;
  }

  /** The kept lines (and any unfinished one) as one string. */
  text(): string {
    return [...this.#lines, ...(this.#partial === "" ? [] : [this.#partial])].join("\n");
  }
}
