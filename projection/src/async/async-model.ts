import { createRng, type Rng } from "@queueshift/shared-model";
import type { Histogram as HdrHistogram } from "hdr-histogram-js";
import { type Distribution, deterministic } from "../engine/distribution.js";
import { EventQueue } from "../engine/event-queue.js";
import { FastHistogram } from "../engine/fast-histogram.js";
import { type MeasureWindow, Outcome, Recorder } from "../engine/recorder.js";
import { SeriesTable } from "../engine/series-table.js";
import { type ArrivalSchedule, type ArrivalSource, arrivalSource } from "../traffic/arrivals.js";
import { type AsyncParams, cpuShareOf } from "./async-params.js";
import { type Batch, BatchPool, MessageQueue } from "./batches.js";
import { Environments, Throttle } from "./environments.js";
import { ConcurrencyRamp, PROVISIONED_RAMP } from "./event-source-mapping.js";
import { HostCpu, type HostSpec } from "./host-cpu.js";

/** The measured (or assumed) durations design B is driven by, all in seconds. */
export interface AsyncDurations {
  /** API Gateway accepting the job and putting it on SQS (the 202's latency). */
  readonly accept: Distribution;
  /** SQS -> Lambda: from the message being visible to the invoke (aws-facts 0.11). */
  readonly hop: Distribution;
  readonly init: Distribution;
  /** Handler time per message at the measured CPU share. */
  readonly handlerPerMessage: Distribution;
  /**
   * Per invocation, the environment's time besides the messages' handler time (runtime API,
   * parsing, publishing the results): it holds the environment and the mapping's slot, and is
   * billed. None when absent.
   */
  readonly invocationOverhead?: Distribution;
  /**
   * Multipliers of a new environment's 1st, 2nd, ... analysis's handler time (its JIT has compiled
   * little yet; the run's `analysesByOrdinal` over its warm group), 1 beyond the last; the
   * per-message draws are then the warm analyses'. None when absent.
   */
  readonly freshFactors?: Float64Array;
  /**
   * Seconds of work a new environment's 1st, 2nd, ... invocation takes beyond
   * `invocationOverhead` (its runtime's, parser's and publisher's code not compiled yet; the run's
   * `invocationsByOrdinal`), 0 beyond the last: held and billed like the overhead, and in host
   * mode CPU work on the host's cores. None when absent.
   */
  readonly freshInvocationExtra?: Float64Array;
  /**
   * From the batch's handler end to a job counting as done (the run's result publish -> collected);
   * none when absent (a projection: a job is done when its handler is).
   */
  readonly resultHop?: Distribution;
}

/** Everything one simulation of design B needs. */
export interface AsyncRunInput {
  readonly params: AsyncParams;
  readonly durations: AsyncDurations;
  readonly minuteRates: Float64Array;
  /** A run's own arrivals, replayed instead of Poisson at the minute rates (a fidelity check). */
  readonly schedule?: ArrivalSchedule;
  readonly window: MeasureWindow;
  readonly intervalSeconds: number;
  readonly seed: number;
  readonly columns: readonly string[];
  /**
   * A local run's host (fidelity replays only): handlers draw their work at the environment's
   * cap from `handlerWork` (instead of `durations.handlerPerMessage`) and share the host's cores
   * with each other and with the stack's background work; the `handler` histogram then holds
   * their wall time. Absent for AWS, whose environments share no host.
   */
  readonly host?: { readonly spec: HostSpec; readonly handlerWork: Distribution };
  /** Seconds after the window to let the backlog finish before counting the rest as unfinished. */
  readonly drainLimitSeconds: number;
  /** Called after each series interval with the simulated time (the CLI's progress line). */
  readonly onInterval?: (simulatedSeconds: number) => void;
}

/** Usage and counts of design B over the measured window. */
export interface AsyncTotals {
  invocations: number;
  coldStarts: number;
  throttles: number;
  /** Of the throttles: at the account concurrency (the rest hit the scaling rate). */
  throttlesAtConcurrency: number;
  retries: number;
  dlq: number;
  billedMs: number;
  initMs: number;
  messagesInvoked: number;
  sqsSends: number;
  sqsReceives: number;
  sqsEmptyReceives: number;
  sqsDeletes: number;
  peakEnvironments: number;
  /** Whole simulation, warm-up included: environments created (warm ones too) and reaped. */
  environmentsCreated: number;
  environmentsReaped: number;
  peakConcurrency: number;
  unfinished: number;
}

/** What a simulation of design B produced. */
export interface AsyncRunOutput {
  readonly recorder: Recorder;
  readonly histograms: Readonly<
    Record<"submit" | "queueWait" | "batchWait" | "init" | "handler" | "resultWait", HdrHistogram>
  >;
  readonly series: ReturnType<SeriesTable["build"]>;
  readonly totals: AsyncTotals;
  readonly endTime: number;
}

const K = {
  arrival: 0,
  land: 1,
  receive: 2,
  windowEnd: 3,
  done: 4,
  retry: 5,
  reappear: 6,
  tick: 7,
  interval: 8,
  initDone: 9,
  deliver: 10,
  cpu: 11,
  published: 13,
} as const;
const LONG_POLL_SECONDS = 20; // aws-facts 5.2: an idle poller's receive waits up to 20 s
const SQS_MAX_PER_CALL = 10; // aws-facts 5.2: 10 messages per receive / delete batch call
const MAX_BACKOFF_SECONDS = 30;
const NONE = deterministic(0);

/** Runs design B over the input's traffic: a pure function of its input and seed. */
export function runAsync(input: AsyncRunInput): AsyncRunOutput {
  return new AsyncSimulation(input).run();
}

class AsyncSimulation {
  readonly #in: AsyncRunInput;
  readonly #p: AsyncParams;
  readonly #q = new EventQueue();
  readonly #rec: Recorder;
  readonly #series: SeriesTable;
  readonly #arrivals: ArrivalSource;
  readonly #rng: Rng;
  readonly #queue = new MessageQueue();
  readonly #pool = new BatchPool();
  readonly #envs: Environments;
  readonly #ramp: ConcurrencyRamp;
  readonly #handler: Distribution;
  readonly #fresh: Float64Array;
  readonly #overhead: Distribution;
  readonly #freshCall: Float64Array;
  /** Handler work here over the run's (its CPU share over the memory size's). */
  readonly #workFactor: number;
  readonly #resultHop: Distribution;
  readonly #host: HostCpu | undefined;
  /** Host mode: handler work of batches whose INIT (CPU work on the host too) is still running. */
  readonly #pendingWork = new Map<number, number>();
  readonly #h = {
    submit: new FastHistogram(),
    queueWait: new FastHistogram(),
    batchWait: new FastHistogram(),
    init: new FastHistogram(),
    handler: new FastHistogram(),
    resultWait: new FastHistogram(),
  };
  readonly #t: AsyncTotals = {
    invocations: 0,
    coldStarts: 0,
    throttles: 0,
    throttlesAtConcurrency: 0,
    retries: 0,
    dlq: 0,
    billedMs: 0,
    initMs: 0,
    messagesInvoked: 0,
    sqsSends: 0,
    sqsReceives: 0,
    sqsEmptyReceives: 0,
    sqsDeletes: 0,
    peakEnvironments: 0,
    environmentsCreated: 0,
    environmentsReaped: 0,
    peakConcurrency: 0,
    unfinished: 0,
  };
  /** Landed messages not yet visible (accept latency in flight), by id. */
  readonly #landing: number[] = [];
  readonly #freeLanding: number[] = [];
  /**
   * Host mode: background work queued before each landing message arrived, and before the newest
   * landed one: a receive waits for the stack to have done it (not the message's own work, which
   * the measured hops hold).
   */
  readonly #landTarget: number[] = [];
  #lastLandTarget = 0;
  readonly #fillers: Batch[] = [];
  #active = 0;
  #receiving = 0;
  #inBatches = 0;
  #iv = { cold: 0, invocations: 0, messages: 0, throttles: 0, steps: 0, reapedBefore: 0 };

  constructor(input: AsyncRunInput) {
    this.#in = input;
    this.#p = input.params;
    this.#rec = new Recorder(input.window);
    this.#series = new SeriesTable(input.columns, input.intervalSeconds);
    this.#arrivals = arrivalSource(input.minuteRates, input.seed, input.schedule);
    this.#rng = createRng((input.seed ^ 0x27d4eb2f) >>> 0);
    this.#envs = new Environments(
      this.#p.accountConcurrency,
      this.#p.scalingRatePer10s,
      this.#p.keepAliveSeconds,
    );
    this.#ramp = new ConcurrencyRamp(this.#p);
    const factor = this.#p.measuredCpuShare / cpuShareOf(this.#p.memoryMb);
    this.#overhead = input.durations.invocationOverhead ?? NONE;
    this.#fresh = input.durations.freshFactors ?? new Float64Array(0);
    this.#freshCall = input.durations.freshInvocationExtra ?? new Float64Array(0);
    this.#workFactor = factor;
    this.#resultHop = input.durations.resultHop ?? NONE;
    this.#host = input.host ? new HostCpu(input.host.spec) : undefined;
    const d = input.host?.handlerWork ?? input.durations.handlerPerMessage;
    this.#handler =
      factor === 1 ? d : { ...d, sample: (r) => d.sample(r) * factor, mean: d.mean * factor };
  }

  run(): AsyncRunOutput {
    this.#warm();
    const q = this.#q;
    const w = this.#in.window;
    q.push(this.#arrivals.next(), K.arrival, 0);
    q.push(1, K.tick, 0);
    q.push(this.#in.intervalSeconds, K.interval, 0);
    const stopBy = w.end + this.#in.drainLimitSeconds;
    for (let kind = q.pop(); kind >= 0; kind = q.pop()) {
      const t = q.time;
      const data = q.data;
      if (kind === K.arrival) this.#arrive(t);
      else if (kind === K.land) this.#land(t, data);
      else if (kind === K.receive) this.#receive(t, this.#batch(data));
      else if (kind === K.windowEnd) this.#windowEnd(t, this.#batch(data));
      else if (kind === K.done) this.#done(t, this.#batch(data));
      else if (kind === K.deliver) this.#deliver(t, this.#batch(data));
      else if (kind === K.retry) this.#retry(t, this.#batch(data));
      else if (kind === K.reappear) this.#reappear(t, this.#batch(data));
      else if (kind === K.tick) this.#tick(t);
      else if (kind === K.initDone) this.#envs.initialising--;
      else if (kind === K.cpu) this.#cpu(t, data);
      else {
        this.#interval(t);
        this.#in.onInterval?.(t);
        if (t >= w.end && (this.#rec.inSystem === 0 || t >= stopBy)) break;
        q.push(t + this.#in.intervalSeconds, K.interval, 0);
      }
    }
    this.#t.unfinished = this.#rec.inSystem;
    this.#t.environmentsCreated = this.#envs.created;
    this.#t.environmentsReaped = this.#envs.reaped;
    const h = this.#h;
    return {
      recorder: this.#rec,
      histograms: {
        submit: h.submit.toHdr(),
        queueWait: h.queueWait.toHdr(),
        batchWait: h.batchWait.toHdr(),
        init: h.init.toHdr(),
        handler: h.handler.toHdr(),
        resultWait: h.resultWait.toHdr(),
      },
      series: this.#series.build(),
      totals: this.#t,
      endTime: q.time,
    };
  }

  #batch(id: number): Batch {
    return this.#pool.all[id] as Batch;
  }

  // The mapping and environments as the rate before the window leaves them: enough of both
  // to carry the first minute's rate in batches of one at the mean handler time.
  #warm(): void {
    const rate = this.#in.minuteRates[0] ?? 0;
    const perMessage = this.#handler.mean + this.#in.durations.hop.mean;
    const needed = Math.ceil(rate * perMessage * 1.25);
    const envs = this.#p.initialEnvironments ?? Math.min(needed, this.#p.accountConcurrency);
    this.#ramp.startAt(Math.max(needed, envs));
    this.#envs.warm(envs, 0);
  }

  #arrive(t: number): void {
    this.#q.push(this.#arrivals.next(), K.arrival, 0);
    this.#rec.arrive(t);
    const host = this.#host;
    const before = host?.queuedBackground ?? 0;
    if (host) {
      host.advance(t);
      host.addJob();
      this.#cpuWake(t);
    }
    const accept = this.#in.durations.accept.sample(this.#rng);
    if (this.#rec.measured(t)) {
      this.#h.submit.record(accept);
      this.#t.sqsSends++;
    }
    const id = this.#freeLanding.pop() ?? this.#landing.length;
    this.#landing[id] = t;
    this.#landTarget[id] = before;
    this.#q.push(t + accept, K.land, id);
  }

  #land(t: number, id: number): void {
    const arrival = this.#landing[id] as number;
    this.#lastLandTarget = this.#landTarget[id] as number;
    this.#freeLanding.push(id);
    const filler = this.#fillers[0];
    if (filler !== undefined) {
      filler.add(arrival, t, 1);
      this.#inBatches++;
      if (filler.size >= this.#p.batchSize) {
        this.#fillers.shift();
        this.#invoke(t, filler);
      }
      return;
    }
    this.#queue.push(arrival, t, 0);
    this.#wake(t);
  }

  // Idle pollers are all long-polling: each visible message not yet claimed by a receive under
  // way wakes one, so at low rates batches hold 1-2 messages whatever BatchSize is (aws-facts 0.10).
  #wake(t: number): void {
    const slots = this.#ramp.slots;
    while (this.#active < slots && this.#queue.size > this.#receiving) {
      this.#active++;
      this.#receiving++;
      const b = this.#pool.take();
      // Host mode: the receive is answered once the stack has done the work queued before it.
      if (this.#host) b.backgroundTarget = this.#lastLandTarget;
      this.#q.push(t + this.#in.durations.hop.sample(this.#rng), K.receive, b.id);
    }
    this.#t.peakConcurrency = Math.max(this.#t.peakConcurrency, this.#active);
  }

  #receive(t: number, b: Batch): void {
    if (this.#holdsFor(t, b, K.receive)) return;
    this.#receiving--;
    const n = Math.min(this.#p.batchSize, this.#queue.size);
    if (n === 0) {
      // Another poller took the messages; this one keeps long-polling (counted as idle time).
      this.#active--;
      this.#pool.give(b);
      return;
    }
    for (let i = 0; i < n; i++) this.#queue.receiveInto(b);
    this.#inBatches += n;
    b.receivedAt = t;
    b.publishTarget = this.#lastLandTarget;
    if (n < this.#p.batchSize && this.#p.batchingWindowSeconds > 0) {
      this.#fillers.push(b);
      this.#q.push(t + this.#p.batchingWindowSeconds, K.windowEnd, b.id);
    } else this.#invoke(t, b);
  }

  #windowEnd(t: number, b: Batch): void {
    const i = this.#fillers.indexOf(b);
    if (i < 0) return; // filled up before its window ended
    this.#fillers.splice(i, 1);
    this.#invoke(t, b);
  }

  #invoke(t: number, b: Batch): void {
    const got = this.#envs.acquire(t);
    if (got < 0) {
      this.#throttled(t, b);
      return;
    }
    const p = this.#p;
    const measured = this.#rec.measured(b.arrival[0] as number);
    let init = 0;
    if (got === 1) {
      init = this.#in.durations.init.sample(this.#rng);
      this.#iv.cold++;
      this.#envs.initialising++;
      // Host mode: INIT is CPU work of its own (Node's start and the handler's module load run
      // on a core: ~0.15 CPU-s of ~0.17 s here), which ends in `#cpu`.
      if (this.#host === undefined) this.#q.push(t + init, K.initDone, b.id);
      if (measured) {
        this.#t.coldStarts++;
        this.#t.initMs += init * 1_000;
        // Host mode records INIT's wall time when it ends (`#initEnd`): the work at the shares.
        if (this.#host === undefined) this.#h.init.record(init);
      }
    }
    let handler = 0;
    const before = this.#envs.acquiredAnalyses;
    const fresh = this.#fresh;
    b.envAnalyses = before + b.size;
    for (let i = 0; i < b.size; i++) {
      // A fresh environment's first analyses run slower (before + i is this one's ordinal - 1).
      const d =
        this.#handler.sample(this.#rng) *
        (before + i < fresh.length ? (fresh[before + i] as number) : 1);
      handler += d;
      b.draws[i] = d;
      if (this.#rng.next() < p.failureRate) b.failed[i] = 1;
      if (this.#rec.measured(b.arrival[i] as number)) {
        if (this.#host === undefined) this.#h.handler.record(d);
        this.#h.queueWait.record(b.receivedAt - (b.landed[i] as number));
      }
    }
    // A fresh environment's first invocations also run cold runtime code: work of its own, on
    // the host's cores in host mode, else held beside the overhead.
    const calls = this.#envs.acquiredInvocations;
    b.envInvocations = calls + 1;
    const extra =
      calls < this.#freshCall.length ? (this.#freshCall[calls] as number) * this.#workFactor : 0;
    if (this.#host !== undefined) handler += extra;
    const overhead = this.#overhead.sample(this.#rng) + (this.#host === undefined ? extra : 0);
    if (handler + overhead > p.functionTimeoutSeconds) {
      handler = Math.max(0, p.functionTimeoutSeconds - overhead);
      b.failed.fill(1, 0, b.size);
    }
    this.#iv.invocations++;
    this.#iv.messages += b.size;
    if (measured) {
      this.#t.invocations++;
      this.#t.messagesInvoked += b.size;
      // 1 ms billing (aws-facts 1.1); init is billed too (container image, aws-facts 1.2). The
      // nanosecond off keeps a float sum's error (0.2 + 0.01 s = 210.00000000000003 ms) from
      // billing a whole extra millisecond.
      this.#t.billedMs += Math.ceil((init + handler + overhead) * 1_000 - 1e-6);
      this.#t.sqsReceives += Math.ceil(b.size / SQS_MAX_PER_CALL);
    }
    const envs = this.#envs.busy + this.#envs.idle;
    this.#t.peakEnvironments = Math.max(this.#t.peakEnvironments, envs);
    b.overhead = overhead;
    const host = this.#host;
    if (host === undefined) {
      b.handlerStart = t + init;
      b.stretch = 1;
      this.#handlerEnd(t + init + handler, b);
      return;
    }
    host.advance(t);
    host.addInvocation();
    b.work = handler;
    b.workStart = t;
    if (init > 0) {
      this.#pendingWork.set(b.id, handler);
      host.startWork(b.id, init);
    } else host.startWork(b.id, handler);
    this.#cpuWake(t);
  }

  // The batch's handler has run: results travel, the environment finishes its invocation.
  #handlerEnd(end: number, b: Batch): void {
    this.#finish(b, end + this.#resultHop.sample(this.#rng), end + b.overhead);
  }

  // The batch's results reach the collector at `deliverAt` and its environment is free at `doneAt`:
  // one event when both fall together (a projection without overhead or result hop).
  #finish(b: Batch, deliverAt: number, doneAt: number): void {
    b.deliverOnDone = deliverAt === doneAt;
    b.open = b.deliverOnDone ? 1 : 2;
    if (!b.deliverOnDone) this.#q.push(deliverAt, K.deliver, b.id);
    this.#q.push(doneAt, K.done, b.id);
  }

  // Host mode: a cold batch's INIT is over (its work done at the host's shares) and its handler
  // starts (call after `advance(t)`).
  #initEnd(t: number, b: Batch, work: number): void {
    this.#envs.initialising--;
    this.#pendingWork.delete(b.id);
    // The replayed INIT's wall time (the drawn work stretched by the shares), as a run measures it
    // (an INIT still running when the simulation stops counts in coldStarts, not here).
    if (this.#rec.measured(b.arrival[0] as number)) this.#h.init.record(t - b.workStart);
    b.workStart = t;
    (this.#host as HostCpu).startWork(b.id, work);
  }

  // Host mode: holds the batch's next step (`kind`) until the stack has done the work queued
  // before its target; true when it was held (it runs again, without a target, on release).
  #holdsFor(t: number, b: Batch, kind: number): boolean {
    const host = this.#host;
    const target = b.backgroundTarget;
    if (host === undefined || target < 0) return false;
    b.backgroundTarget = -1;
    host.advance(t);
    if (host.caughtUp(target)) return false;
    host.hold(target, { kind, id: b.id });
    this.#cpuWake(t);
    return true;
  }

  // A scheduled wake-up of the host model: stale when anything changed the shares since.
  #cpu(t: number, generation: number): void {
    const host = this.#host;
    if (host === undefined || generation !== host.generation) return;
    host.advance(t);
    for (const id of host.takeFinished()) {
      const work = this.#pendingWork.get(id);
      if (work === undefined) this.#hostHandlerEnd(t, this.#batch(id));
      else this.#initEnd(t, this.#batch(id), work);
    }
    for (const h of host.takeReleased()) {
      if (h.kind === K.receive) this.#receive(t, this.#batch(h.id));
      else this.#published(t, this.#batch(h.id));
    }
    this.#cpuWake(t);
  }

  // Host mode: each message's wall time is its draw stretched like its batch's. Then the batch's
  // results are published: the handler's SendMessageBatch returns once the stack has done the work
  // of the jobs that came before the batch's (`publishTarget`; its own jobs' work is in the
  // measured hops), and the environment waits for it (a congested broker holds the environments,
  // not only the results).
  #hostHandlerEnd(t: number, b: Batch): void {
    const stretch = b.work > 0 ? (t - b.workStart) / b.work : 1;
    b.handlerStart = b.workStart;
    b.stretch = stretch;
    for (let i = 0; i < b.size; i++)
      if (this.#rec.measured(b.arrival[i] as number))
        this.#h.handler.record((b.draws[i] as number) * stretch);
    b.handlerEndAt = t;
    b.backgroundTarget = b.publishTarget;
    if (this.#holdsFor(t, b, K.published)) return;
    this.#published(t, b);
  }

  // Host mode: the results are on the results queue at `t`; they reach the collector one result
  // hop later, and the environment is free once its overhead (counted from the handler's end) is.
  #published(t: number, b: Batch): void {
    this.#finish(
      b,
      t + this.#resultHop.sample(this.#rng),
      Math.max(t, b.handlerEndAt + b.overhead),
    );
  }

  #cpuWake(t: number): void {
    const host = this.#host as HostCpu;
    const next = host.reschedule(t);
    if (Number.isFinite(next)) this.#q.push(next, K.cpu, host.generation);
  }

  #throttled(t: number, b: Batch): void {
    this.#iv.throttles++;
    if (this.#rec.measured(b.arrival[0] as number)) {
      this.#t.throttles++;
      if (this.#envs.lastThrottle === Throttle.concurrency) this.#t.throttlesAtConcurrency++;
    }
    this.#ramp.backOff();
    const wait = Math.min(MAX_BACKOFF_SECONDS, this.#p.throttleBackoffSeconds * 2 ** b.retries);
    b.retries++;
    this.#q.push(t + wait, K.retry, b.id);
  }

  // A held batch is retried until its messages' visibility timeout runs out (aws-facts 2.1).
  #retry(t: number, b: Batch): void {
    if (t - b.receivedAt < this.#p.visibilityTimeoutSeconds) {
      this.#invoke(t, b);
      return;
    }
    b.failed.fill(1, 0, b.size);
    this.#inBatches -= b.size;
    this.#active--;
    this.#reappear(t, b);
  }

  // The batch's jobs count as done (their results delivered; in host mode a result hop after the
  // publish, `#published`), each recording its batchWait (its handler's start after the batch's
  // receive: INIT, the records before it) and resultWait (its handler's end -> here: the records
  // after it, the publish, the result hop), as a run measures them.
  #deliver(t: number, b: Batch): void {
    let start = b.handlerStart;
    for (let i = 0; i < b.size; i++) {
      const end = start + (b.draws[i] as number) * b.stretch;
      if (b.failed[i] !== 1) {
        this.#rec.depart(t, b.arrival[i] as number, Outcome.ok);
        if (this.#rec.measured(b.arrival[i] as number)) {
          this.#h.batchWait.record(Math.max(0, start - b.receivedAt));
          this.#h.resultWait.record(Math.max(0, t - end));
        }
      }
      start = end;
    }
    if (!b.deliverOnDone) this.#close(b);
  }

  // The invocation returned: the environment and the mapping's slot are free again.
  #done(t: number, b: Batch): void {
    if (b.deliverOnDone) this.#deliver(t, b);
    this.#envs.release(t, b.envAnalyses, b.envInvocations);
    this.#active--;
    this.#inBatches -= b.size;
    let ok = 0;
    for (let i = 0; i < b.size; i++) if (b.failed[i] !== 1) ok++;
    if (this.#rec.measured(b.arrival[0] as number))
      this.#t.sqsDeletes += Math.ceil(ok / SQS_MAX_PER_CALL);
    if (ok < b.size)
      this.#q.push(b.receivedAt + this.#p.visibilityTimeoutSeconds, K.reappear, b.id);
    else this.#close(b);
    this.#wake(t);
  }

  // A batch goes back to the pool once its last event (delivery, release, reappearance) is over.
  #close(b: Batch): void {
    if (--b.open <= 0) this.#pool.give(b);
  }

  // Failed messages become visible again, or go to the DLQ after maxReceiveCount receives.
  #reappear(t: number, b: Batch): void {
    for (let i = 0; i < b.size; i++) {
      if (b.failed[i] !== 1) continue;
      const arrival = b.arrival[i] as number;
      const measured = this.#rec.measured(arrival);
      if ((b.receives[i] as number) >= this.#p.maxReceiveCount) {
        if (measured) this.#t.dlq++;
        this.#rec.depart(t, arrival, Outcome.failed);
      } else {
        if (measured) this.#t.retries++;
        this.#queue.push(arrival, b.landed[i] as number, b.receives[i] as number);
      }
    }
    this.#close(b);
    this.#wake(t);
  }

  #tick(t: number): void {
    const idle = this.#ramp.slots - this.#active;
    if (this.#rec.measured(t)) this.#t.sqsEmptyReceives += Math.max(0, idle) / LONG_POLL_SECONDS;
    if (this.#ramp.tick(this.#queue.size, Math.max(0, idle))) {
      this.#iv.steps++;
      this.#wake(t);
    }
    // Every second, as the local platform's reaper (bench pool-config reapIntervalMs): a short
    // keep-alive (a local run's 10 s) reaped every 10 s could live up to twice its length.
    this.#envs.reap(t);
    this.#q.push(t + 1, K.tick, 0);
  }

  #interval(t: number): void {
    const common = this.#rec.closeInterval(t);
    const oldest = this.#queue.oldestArrival();
    this.#series.add(t, this.#in.window, common, {
      accepted: common.offered,
      jobsInFlight: Math.round(common.meanInSystem * 1_000) / 1_000,
      queueVisible: this.#queue.size,
      queueInFlight: this.#inBatches,
      dlq: this.#t.dlq,
      oldestUnfinishedAgeMs: Number.isNaN(oldest) ? 0 : Math.round((t - oldest) * 1_000),
      envBusy: this.#envs.busy,
      envIdle: this.#envs.idle,
      envStarting: this.#envs.initialising,
      coldStarts: this.#iv.cold,
      invocations: this.#iv.invocations,
      concurrencyTarget: this.#ramp.slots,
      pollers:
        this.#p.mode === "provisioned"
          ? Math.ceil(this.#ramp.slots / PROVISIONED_RAMP.invokesPerPoller)
          : null,
      invocationsInFlight: this.#active,
      throttles: this.#iv.throttles,
      batches: this.#iv.invocations,
      batchSizeMean:
        this.#iv.invocations > 0
          ? Math.round((this.#iv.messages / this.#iv.invocations) * 1_000) / 1_000
          : null,
      envStopped: this.#envs.reaped - this.#iv.reapedBefore,
      scaleEvents: this.#iv.steps,
    });
    this.#iv = {
      cold: 0,
      invocations: 0,
      messages: 0,
      throttles: 0,
      steps: 0,
      reapedBefore: this.#envs.reaped,
    };
  }
}
