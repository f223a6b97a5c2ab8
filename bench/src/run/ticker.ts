import { epochMs } from "../clock/index.js";

/**
 * Calls `tick` about once per `everyMs`, aligned to its start so rows do not drift, never two
 * at once (a slow tick delays the next instead of piling up). Errors in `tick` go to `onError`.
 */
export class Ticker {
  readonly #everyMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(everyMs = 1_000) {
    this.#everyMs = everyMs;
  }

  /** Starts ticking. */
  start(tick: () => Promise<void> | void, onError: (err: unknown) => void): void {
    const startMs = epochMs();
    let n = 0;
    const schedule = () => {
      if (this.#stopped) return;
      // A slow tick skips the slots it overran instead of firing a burst to catch up.
      n = Math.max(n + 1, Math.ceil((epochMs() - startMs) / this.#everyMs));
      const delay = Math.max(0, startMs + n * this.#everyMs - epochMs());
      this.#timer = setTimeout(() => {
        this.#running = Promise.resolve().then(tick).catch(onError).finally(schedule);
      }, delay);
    };
    schedule();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}
