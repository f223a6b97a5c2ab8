import type { Phase } from "@queueshift/shared-model";
import { epochMs } from "../clock/index.js";

/** Phase names of the result document. */
export type PhaseName = Phase["name"];

/** One architecture's clock: t = 0 when its load starts (after provisioning), phases on it. */
export class Timeline {
  readonly t0Ms: number;
  readonly #phases: Phase[] = [];
  #open: { name: PhaseName; start: number } | undefined;

  constructor(t0Ms = epochMs()) {
    this.t0Ms = t0Ms;
  }

  /** Seconds since t0. */
  seconds(atMs = epochMs()): number {
    return Math.max(0, (atMs - this.t0Ms) / 1_000);
  }

  /** The open phase's name, if any. */
  get current(): PhaseName | undefined {
    return this.#open?.name;
  }

  /** Ends the open phase (if any) and opens `name` now. */
  begin(name: PhaseName): void {
    this.end();
    this.#open = { name, start: this.seconds() };
  }

  /** Ends the open phase now. */
  end(): void {
    if (this.#open === undefined) return;
    const end = this.seconds();
    this.#phases.push({
      name: this.#open.name,
      startSeconds: round(this.#open.start),
      endSeconds: round(end),
    });
    this.#open = undefined;
  }

  /** The phases closed so far (close the open one with `end()` first). */
  phases(): Phase[] {
    return [...this.#phases];
  }

  /** The closed phase called `name`, if it ran. */
  phase(name: PhaseName): Phase | undefined {
    return this.#phases.find((p) => p.name === name);
  }
}

function round(x: number): number {
  return Math.round(x * 1_000) / 1_000;
}
