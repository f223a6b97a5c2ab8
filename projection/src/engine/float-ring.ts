/** A growable FIFO of numbers (queued arrival times), with no allocation per push. */
export class FloatRing {
  #buf: Float64Array;
  #head = 0;
  #size = 0;

  constructor(capacity = 64) {
    this.#buf = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends at the tail. */
  push(value: number): void {
    if (this.#size === this.#buf.length) this.#grow();
    this.#buf[(this.#head + this.#size) % this.#buf.length] = value;
    this.#size++;
  }

  /** Removes and returns the head (NaN when empty). */
  shift(): number {
    if (this.#size === 0) return Number.NaN;
    const v = this.#buf[this.#head] as number;
    this.#head = (this.#head + 1) % this.#buf.length;
    this.#size--;
    return v;
  }

  /** The head without removing it (NaN when empty). */
  peek(): number {
    return this.#size === 0 ? Number.NaN : (this.#buf[this.#head] as number);
  }

  #grow(): void {
    const next = new Float64Array(this.#buf.length * 2);
    for (let i = 0; i < this.#size; i++)
      next[i] = this.#buf[(this.#head + i) % this.#buf.length] as number;
    this.#buf = next;
    this.#head = 0;
  }
}
