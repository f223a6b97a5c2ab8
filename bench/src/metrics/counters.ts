import type { MissReason } from "./samples.js";

/** A plain snapshot of run or interval counters (JSON-ready). */
export interface CounterSnapshot {
  readonly sent: number;
  readonly responses: number;
  /** Transport errors plus responses with status >= 400. */
  readonly errors: number;
  readonly transportErrors: Readonly<Record<string, number>>;
  readonly timeouts: number;
  readonly missed: number;
  readonly missedByReason: Readonly<Record<string, number>>;
  readonly statusCodes: Readonly<Record<string, number>>;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counters for one scope (a run or an interval): status codes, errors, timeouts, misses. */
export class Counters {
  sent = 0;
  responses = 0;
  errors = 0;
  timeouts = 0;
  missed = 0;
  readonly #statusCodes = new Map<string, number>();
  readonly #transportErrors = new Map<string, number>();
  readonly #missedByReason = new Map<string, number>();

  /** Counts one response by status; 4xx/5xx also count as errors. */
  addResponse(status: number): void {
    this.responses += 1;
    bump(this.#statusCodes, String(status));
    if (status >= 400) this.errors += 1;
  }

  /** Counts one transport error by kind (e.g. ECONNREFUSED). */
  addTransportError(kind: string): void {
    this.errors += 1;
    bump(this.#transportErrors, kind);
  }

  /** Counts one missed arrival by reason. */
  addMissed(reason: MissReason): void {
    this.missed += 1;
    bump(this.#missedByReason, reason);
  }

  /** A JSON-ready copy. */
  snapshot(): CounterSnapshot {
    return {
      sent: this.sent,
      responses: this.responses,
      errors: this.errors,
      transportErrors: Object.fromEntries(this.#transportErrors),
      timeouts: this.timeouts,
      missed: this.missed,
      missedByReason: Object.fromEntries(this.#missedByReason),
      statusCodes: Object.fromEntries(this.#statusCodes),
    };
  }

  /** Zeroes everything. */
  reset(): void {
    this.sent = 0;
    this.responses = 0;
    this.errors = 0;
    this.timeouts = 0;
    this.missed = 0;
    this.#statusCodes.clear();
    this.#transportErrors.clear();
    this.#missedByReason.clear();
  }
}

/** The last and the largest value a gauge took within a scope. */
export interface GaugeReading {
  readonly last: number;
  readonly max: number;
}

/** Named gauges (in-flight, queue depth, ...), each keeping its last and max value. */
export class Gauges {
  readonly #values = new Map<string, { last: number; max: number }>();

  /** Sets a gauge's current value. */
  set(name: string, value: number): void {
    const g = this.#values.get(name);
    if (g === undefined) this.#values.set(name, { last: value, max: value });
    else {
      g.last = value;
      if (value > g.max) g.max = value;
    }
  }

  /** A JSON-ready copy. */
  snapshot(): Readonly<Record<string, GaugeReading>> {
    const out: Record<string, GaugeReading> = {};
    for (const [name, g] of this.#values) out[name] = { last: g.last, max: g.max };
    return out;
  }

  /** Starts a new scope: the max restarts from the last value, which still holds. */
  roll(): void {
    for (const g of this.#values.values()) g.max = g.last;
  }
}
