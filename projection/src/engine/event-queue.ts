/**
 * The simulation's future event list: a binary min-heap ordered by time, then by insertion
 * order, so events at the same instant run first-scheduled-first and a run is deterministic.
 * Entries live in parallel typed arrays (no object per event): a projection schedules tens of
 * millions of events and must not make garbage for each one.
 */
export class EventQueue {
  #time = new Float64Array(1024);
  #seq = new Float64Array(1024);
  #kind = new Uint8Array(1024);
  #data = new Int32Array(1024);
  #size = 0;
  #nextSeq = 0;
  /** Time of the event `pop` returned last, seconds. */
  time = 0;
  /** Payload of the event `pop` returned last. */
  data = 0;

  /** Events waiting. */
  get size(): number {
    return this.#size;
  }

  /** Schedules an event of `kind` at `time` (seconds) with an integer payload. */
  push(time: number, kind: number, data: number): void {
    if (this.#size === this.#time.length) this.#grow();
    let i = this.#size++;
    const seq = this.#nextSeq++;
    // Sift up: move parents down until the slot for the new entry is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = this.#time[parent] as number;
      if (pt < time || (pt === time && (this.#seq[parent] as number) < seq)) break;
      this.#move(parent, i);
      i = parent;
    }
    this.#set(i, time, seq, kind, data);
  }

  /** Removes the earliest event; returns its kind (-1 when empty) and sets `time` and `data`. */
  pop(): number {
    if (this.#size === 0) return -1;
    const kind = this.#kind[0] as number;
    this.time = this.#time[0] as number;
    this.data = this.#data[0] as number;
    const last = --this.#size;
    if (last > 0) this.#siftDown(last);
    return kind;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.#size === 0 ? Number.POSITIVE_INFINITY : (this.#time[0] as number);
  }

  #siftDown(from: number): void {
    const t = this.#time[from] as number;
    const s = this.#seq[from] as number;
    const k = this.#kind[from] as number;
    const d = this.#data[from] as number;
    const n = this.#size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.#less(right, child)) child = right;
      const ct = this.#time[child] as number;
      if (ct > t || (ct === t && (this.#seq[child] as number) > s)) break;
      this.#move(child, i);
      i = child;
    }
    this.#set(i, t, s, k, d);
  }

  #less(a: number, b: number): boolean {
    const ta = this.#time[a] as number;
    const tb = this.#time[b] as number;
    return ta < tb || (ta === tb && (this.#seq[a] as number) < (this.#seq[b] as number));
  }

  #move(from: number, to: number): void {
    this.#time[to] = this.#time[from] as number;
    this.#seq[to] = this.#seq[from] as number;
    this.#kind[to] = this.#kind[from] as number;
    this.#data[to] = this.#data[from] as number;
  }

  #set(i: number, time: number, seq: number, kind: number, data: number): void {
    this.#time[i] = time;
    this.#seq[i] = seq;
    this.#kind[i] = kind;
    this.#data[i] = data;
  }

  #grow(): void {
    const n = this.#time.length * 2;
    const grow = <A extends Float64Array | Uint8Array | Int32Array>(
      a: A,
      make: (n: number) => A,
    ) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.#time = grow(this.#time, (m) => new Float64Array(m));
    this.#seq = grow(this.#seq, (m) => new Float64Array(m));
    this.#kind = grow(this.#kind, (m) => new Uint8Array(m));
    this.#data = grow(this.#data, (m) => new Int32Array(m));
  }
}
