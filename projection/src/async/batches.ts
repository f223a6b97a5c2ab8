import { FloatRing } from "../engine/float-ring.js";

/** A message on the jobs queue: its intended arrival, when SQS accepted it, its receives so far. */
export interface MessageFields {
  arrival: number;
  landed: number;
  receives: number;
}

/** The jobs queue's visible messages in FIFO order (SQS standard is only roughly FIFO). */
export class MessageQueue {
  readonly #arrival = new FloatRing(1_024);
  readonly #landed = new FloatRing(1_024);
  readonly #receives = new FloatRing(1_024);

  get size(): number {
    return this.#arrival.size;
  }

  /** Makes a message visible. */
  push(arrival: number, landed: number, receives: number): void {
    this.#arrival.push(arrival);
    this.#landed.push(landed);
    this.#receives.push(receives);
  }

  /** Intended arrival of the oldest visible message (NaN when empty). */
  oldestArrival(): number {
    return this.#arrival.peek();
  }

  /** Moves the oldest visible message into `batch` (counting the receive). */
  receiveInto(batch: Batch): void {
    batch.add(this.#arrival.shift(), this.#landed.shift(), this.#receives.shift() + 1);
  }
}

/** One batch of the event source mapping, from its receive to its end (reused from a pool). */
export class Batch {
  readonly id: number;
  size = 0;
  arrival: number[] = [];
  landed: number[] = [];
  receives: number[] = [];
  /** Per message: 1 when processing failed (redelivered after the visibility timeout). */
  failed: number[] = [];
  receivedAt = 0;
  /** Seconds its invocation holds the environment beyond the handler (drawn at invoke). */
  overhead = 0;
  /**
   * Each message's drawn handler time; host mode: their sum (the work) and when the handler (or,
   * until it ends, the INIT) started.
   */
  draws: number[] = [];
  work = 0;
  workStart = 0;
  /**
   * When the handler started (after any INIT) and the factor its draws ran at (the host's shares
   * stretch them; 1 elsewhere): a message's handler runs from `handlerStart` plus the stretched
   * draws before it, for the `batchWait` and `resultWait` histograms.
   */
  handlerStart = 0;
  stretch = 1;
  /** Host mode: when the handler ended (the publish of its results started). */
  handlerEndAt = 0;
  /**
   * Host mode: background work queued before the newest message had landed when it was received;
   * its results' publish waits for that (not for its own jobs' work, which the hops hold).
   */
  publishTarget = 0;
  /** Host mode: background work queued before its invocation (-1: none to wait for). */
  backgroundTarget = -1;
  retries = 0;
  /** The analyses its environment will have run after this batch (handed back on release). */
  envAnalyses = 0;
  /** The invocations its environment will have served after this batch (handed back on release). */
  envInvocations = 0;
  /** Events still to come for this batch (its results delivered, its environment released). */
  open = 0;
  /** Its results are delivered when its environment is released (one event for both). */
  deliverOnDone = false;

  constructor(id: number) {
    this.id = id;
  }

  add(arrival: number, landed: number, receives: number): void {
    this.arrival[this.size] = arrival;
    this.landed[this.size] = landed;
    this.receives[this.size] = receives;
    this.failed[this.size] = 0;
    this.size++;
  }

  clear(): void {
    this.size = 0;
    this.retries = 0;
    this.backgroundTarget = -1;
    this.open = 0;
    this.deliverOnDone = false;
  }
}

/** A free list of batches, so a projection of millions of batches allocates a few hundred. */
export class BatchPool {
  readonly all: Batch[] = [];
  readonly #free: Batch[] = [];

  take(): Batch {
    const b = this.#free.pop();
    if (b !== undefined) return b;
    const fresh = new Batch(this.all.length);
    this.all.push(fresh);
    return fresh;
  }

  give(b: Batch): void {
    b.clear();
    this.#free.push(b);
  }
}
