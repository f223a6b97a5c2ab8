/** A local process besides the environments' handlers, and the CPU it spends per job (measured). */
export interface BackgroundProcess {
  readonly name: string;
  /** CPU seconds arriving with each job. */
  readonly cpuPerJob: number;
  /** CPU seconds arriving with each invocation (receive, hand-over, results, deletes). */
  readonly cpuPerInvocation: number;
  /** Cores it can use at once: its runnable threads, at most the host's cores. */
  readonly threads: number;
  /**
   * CPU seconds of one request's work: with it, the process keeps only as many threads runnable
   * as its queued work holds requests (rounded up, at most `threads`), since each request is
   * served by one thread at a time; without it (or 0), all its threads whenever any is queued.
   */
  readonly requestCpu?: number;
}

/** The machine a local run shared: its cores, each environment's cap, and the other processes. */
export interface HostSpec {
  /** The run's recorded host cores (`machine.cores`). */
  readonly cores: number;
  /** Each environment's CPU cap in cores (its quota, or one core: one JS thread). */
  readonly environmentCores: number;
  readonly background: readonly BackgroundProcess[];
  /**
   * Cores the other processes keep busy whatever the load (the broker's pollers and timers, the
   * harness's samplers): always runnable, so under contention it takes its fair share. 0 when absent.
   */
  readonly baseCores?: number;
  /**
   * True when the background processes and the base load share one scheduling entity, as Linux's
   * autogroup makes of the processes of one session (the harness starts the broker and the enqueue
   * API in its own): under contention they get one entity's share together, like one
   * environment's group, instead of one per runnable thread. False or absent: one per thread.
   */
  readonly groupedBackground?: boolean;
}

const DONE_EPS = 1e-9; // seconds of work left that count as finished (float drift of advance)

/** Something waiting for the background work queued before it (a message, a batch's results). */
export interface Hold {
  readonly kind: number;
  readonly id: number;
}

/**
 * Processor sharing of a local run's host (issue 13, fidelity replays only). Runnable entities
 * are the environments running a handler (each demands its cap) and the background processes
 * with CPU work queued (each demands its threads), plus the base load (`baseCores`, always
 * runnable, its work not tracked); when their demand D exceeds the host's C cores
 * every one progresses at C / D of its demand (the kernel's fair share, per runnable thread), else
 * at its full demand; with `groupedBackground` the background and the base load are one entity
 * beside the environments instead (max-min fair shares by weight). Work in seconds at an
 * environment's cap; background in CPU seconds. Pure.
 */
export class HostCpu {
  readonly #spec: HostSpec;
  readonly #caps: Float64Array;
  /** Threads each background process runs now (fixed between reschedules). */
  readonly #runnable: Float64Array;
  readonly #backlog: Float64Array;
  /** Handler work left per batch id, seconds at the environment's cap. */
  readonly #work = new Map<number, number>();
  /** Background CPU-seconds arrived and done so far (a hold waits for done >= its target). */
  #arrived = 0;
  #done = 0;
  readonly #holds: { target: number; hold: Hold }[] = [];
  #head = 0;
  #last = 0;
  #factor = 1;
  /** The share of its demand each background thread (and the base load) gets. */
  #backgroundFactor = 1;
  /** Bumped on every change: a scheduled wake-up with an older generation is stale. */
  generation = 0;
  /** Integrals for the assumptions and tests: environment and background CPU-seconds. */
  environmentCpuSeconds = 0;
  backgroundCpuSeconds = 0;

  constructor(spec: HostSpec) {
    this.#spec = spec;
    this.#caps = Float64Array.from(spec.background, (p) => Math.min(p.threads, spec.cores));
    this.#backlog = new Float64Array(spec.background.length);
    this.#runnable = new Float64Array(spec.background.length);
  }

  // The threads background process `i` runs with `backlog` CPU-seconds queued.
  #threadsFor(i: number, backlog: number): number {
    if (backlog <= DONE_EPS) return 0;
    const cap = this.#caps[i] as number;
    const unit = this.#spec.background[i]?.requestCpu ?? 0;
    return unit > 0 ? Math.min(cap, Math.ceil((backlog - DONE_EPS) / unit)) : cap;
  }

  /** Progresses every runnable entity to `t` at the current shares. */
  advance(t: number): void {
    const dt = t - this.#last;
    this.#last = t;
    if (dt <= 0) return;
    const f = this.#factor;
    for (const [id, left] of this.#work) this.#work.set(id, left - dt * f);
    this.environmentCpuSeconds += this.#work.size * this.#spec.environmentCores * f * dt;
    for (let i = 0; i < this.#backlog.length; i++) {
      const b = this.#backlog[i] as number;
      if (b <= 0) continue;
      const used = Math.min(b, (this.#runnable[i] as number) * this.#backgroundFactor * dt);
      this.#backlog[i] = b - used;
      this.backgroundCpuSeconds += used;
      this.#done += used;
    }
  }

  /** One job's background work arrives (call `advance(t)` first). */
  addJob(): void {
    this.#add((p) => p.cpuPerJob);
  }

  /** One invocation's background work arrives (call `advance(t)` first). */
  addInvocation(): void {
    this.#add((p) => p.cpuPerInvocation);
  }

  #add(work: (p: BackgroundProcess) => number): void {
    const bg = this.#spec.background;
    for (let i = 0; i < bg.length; i++) {
      const w = work(bg[i] as BackgroundProcess);
      this.#backlog[i] = (this.#backlog[i] as number) + w;
      this.#arrived += w;
    }
  }

  /** Background CPU-seconds arrived so far: the target of a hold made now. */
  get queuedBackground(): number {
    return this.#arrived;
  }

  /** Whether the background work queued up to `target` is done (after `advance`). */
  caughtUp(target: number): boolean {
    return this.#done >= target - DONE_EPS;
  }

  /**
   * Holds `hold` until the background work queued up to `target` is done (the local stack
   * serves its calls in about the order they came: a message the broker has not stored yet
   * cannot be received). Kept in target order; most holds land at the end.
   */
  hold(target: number, hold: Hold): void {
    const h = this.#holds;
    let i = h.length;
    while (i > this.#head && (h[i - 1] as { target: number }).target > target) i--;
    h.splice(i, 0, { target, hold });
  }

  /** Removes and returns the holds whose background work is done (after `advance`). */
  takeReleased(): Hold[] {
    const out: Hold[] = [];
    const h = this.#holds;
    while (this.#head < h.length && this.caughtUp((h[this.#head] as { target: number }).target))
      out.push((h[this.#head++] as { hold: Hold }).hold);
    if (this.#head > 1_024 && this.#head * 2 > h.length) {
      h.splice(0, this.#head);
      this.#head = 0;
    }
    return out;
  }

  /** A batch's handler starts with `work` seconds at the cap (call `advance(t)` first). */
  startWork(id: number, work: number): void {
    this.#work.set(id, Math.max(0, work));
  }

  /** Removes and returns the batches whose handler work is done (after `advance`). */
  takeFinished(): number[] {
    const done: number[] = [];
    for (const [id, left] of this.#work) if (left <= DONE_EPS) done.push(id);
    for (const id of done) this.#work.delete(id);
    for (let i = 0; i < this.#backlog.length; i++) {
      const b = this.#backlog[i] as number;
      if (b > 0 && b <= DONE_EPS) {
        // Float drift counts as done, so holds waiting on it are released.
        this.#done += b;
        this.#backlog[i] = 0;
      }
    }
    return done;
  }

  /** The current share of its demand each environment gets (1 = the host is not short of cores). */
  get factor(): number {
    return this.#factor;
  }

  // Shares when the background is one entity (weight 1) beside the environments (weight their
  // whole cores, at least 1, as their groups are weighted): max-min fairness by weight, the
  // kernel's fair share. All unsaturated, each gets L x its weight with L = C / (N w + 1); else the
  // entity whose demand is below that keeps its demand and the others share the rest.
  #groupedShares(environments: number, background: number): [number, number] {
    const cores = this.#spec.cores;
    const e = this.#spec.environmentCores;
    const w = Math.max(1, Math.ceil(e - 1e-9));
    const level = cores / (environments * w + 1);
    let env: number;
    let bg: number;
    if (level <= background && level * w <= e) [env, bg] = [level * w, level];
    else if (background < level)
      [env, bg] = [Math.min(e, (cores - background) / environments), background];
    else [env, bg] = [e, Math.min(background, cores - environments * e)];
    return [env / e, background > 0 ? bg / background : 1];
  }

  /**
   * Recomputes the shares after a change (every `add*`, `startWork` or finish must be followed by
   * it before time moves on: `advance` runs at the shares it set) and returns when the next handler
   * ends, the next background backlog empties or holds a request fewer (one thread stops), or the
   * next hold is due (Infinity when nothing runs); bumps `generation`.
   */
  reschedule(now: number): number {
    let demand = this.#work.size * this.#spec.environmentCores + (this.#spec.baseCores ?? 0);
    for (let i = 0; i < this.#backlog.length; i++) {
      const threads = this.#threadsFor(i, this.#backlog[i] as number);
      this.#runnable[i] = threads;
      demand += threads;
    }
    let f = demand > this.#spec.cores ? this.#spec.cores / demand : 1;
    let g = f;
    if (this.#spec.groupedBackground === true && f < 1) {
      const environments = this.#work.size;
      [f, g] = this.#groupedShares(
        environments,
        demand - environments * this.#spec.environmentCores,
      );
    }
    this.#factor = f;
    this.#backgroundFactor = g;
    this.generation++;
    let next = Number.POSITIVE_INFINITY;
    for (const left of this.#work.values()) next = Math.min(next, now + Math.max(0, left) / f);
    let rate = 0;
    for (let i = 0; i < this.#backlog.length; i++) {
      const b = this.#backlog[i] as number;
      const threads = this.#runnable[i] as number;
      if (b <= 0 || threads <= 0) continue;
      rate += threads * g;
      // Until its backlog empties, or holds a request fewer and a thread stops.
      const unit = this.#spec.background[i]?.requestCpu ?? 0;
      const fewer = unit > 0 && threads > 1 ? b - (threads - 1) * unit : b;
      next = Math.min(next, now + Math.max(0, fewer) / (threads * g));
    }
    const head = this.#holds[this.#head];
    if (head !== undefined && rate > 0)
      next = Math.min(next, now + Math.max(0, head.target - this.#done) / rate);
    return next;
  }
}
