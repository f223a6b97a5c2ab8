import { createRng, type Rng } from "@queueshift/shared-model";
import type { Distribution } from "../engine/distribution.js";
import { EventQueue } from "../engine/event-queue.js";
import { FastHistogram } from "../engine/fast-histogram.js";
import type { newHdr } from "../engine/histogram.js";
import { type MeasureWindow, Outcome, Recorder } from "../engine/recorder.js";
import { SeriesTable } from "../engine/series-table.js";
import { type ArrivalSchedule, type ArrivalSource, arrivalSource } from "../traffic/arrivals.js";
import { type ScaleDecision, TargetTracking } from "./autoscaler.js";
import { Fleet, type Task } from "./fleet.js";
import type { SyncParams } from "./sync-params.js";

/** Everything one simulation of design A needs. */
export interface SyncRunInput {
  readonly params: SyncParams;
  /** Service time of one request at the measured CPU (scaled here to the task's vCPU). */
  readonly service: Distribution;
  /** Requests per second of each simulated minute (warm-up minutes first). */
  readonly minuteRates: Float64Array;
  /** A run's own arrivals, replayed instead of Poisson at the minute rates (a fidelity check). */
  readonly schedule?: ArrivalSchedule;
  readonly window: MeasureWindow;
  readonly intervalSeconds: number;
  readonly seed: number;
  readonly columns: readonly string[];
  /** Called after each series interval with the simulated time (the CLI's progress line). */
  readonly onInterval?: (simulatedSeconds: number) => void;
}

/** A scaling action as it happened. */
export interface ScaleEvent {
  readonly t: number;
  readonly from: number;
  readonly to: number;
}

/** What a simulation of design A produced. */
export interface SyncRunOutput {
  readonly recorder: Recorder;
  readonly serviceTime: ReturnType<typeof newHdr>;
  /** Time from arrival to a worker starting the request (measured requests that were served). */
  readonly queueWait: ReturnType<typeof newHdr>;
  /** Exact sums over measured served requests (HDR means are only good to 0.1 %). */
  readonly exact: {
    readonly served: number;
    readonly waitSeconds: number;
    readonly serviceSeconds: number;
  };
  readonly series: ReturnType<SeriesTable["build"]>;
  readonly scaleEvents: readonly ScaleEvent[];
  readonly taskSeconds: number;
  readonly peakTasks: number;
  readonly endTime: number;
}

const ARRIVAL = 0;
const DONE = 1;
const METRIC = 2;
const SCALE = 3;
const READY = 4;
const INTERVAL = 5;
/** Worker slots per task in an event payload (task id x 64 + worker). */
const SLOT = 64;

/** Runs design A over the input's traffic: a pure function of its input and seed. */
export function runSync(input: SyncRunInput): SyncRunOutput {
  return new SyncSimulation(input).run();
}

class SyncSimulation {
  readonly #in: SyncRunInput;
  readonly #p: SyncParams;
  readonly #q = new EventQueue();
  readonly #fleet: Fleet;
  readonly #rec: Recorder;
  readonly #series: SeriesTable;
  readonly #scaler: TargetTracking;
  readonly #arrivals: ArrivalSource;
  readonly #rng: Rng;
  readonly #serviceHdr = new FastHistogram();
  readonly #waitHdr = new FastHistogram();
  #exact = { served: 0, waitSeconds: 0, serviceSeconds: 0 };
  readonly #service: Distribution;
  readonly #cpuPerWorker: number;
  readonly #events: ScaleEvent[] = [];
  readonly #pending: ScaleDecision[] = [];
  #metricSnap = { busy: 0, running: 0 };
  #intervalBusy = 0;
  #measureBilled = { start: 0, end: 0 };
  #intervalScaleEvents = 0;
  #peak = 0;

  constructor(input: SyncRunInput) {
    this.#in = input;
    this.#p = input.params;
    this.#fleet = new Fleet(this.#p.workersPerTask);
    this.#rec = new Recorder(input.window);
    this.#series = new SeriesTable(input.columns, input.intervalSeconds);
    this.#scaler = new TargetTracking(this.#p);
    // Arrivals share the seed with design B so both see the same traffic; service draws differ.
    this.#arrivals = arrivalSource(input.minuteRates, input.seed, input.schedule);
    this.#rng = createRng((input.seed ^ 0x5bd1e995) >>> 0);
    const share = Math.min(1, this.#p.vcpu / this.#p.workersPerTask);
    this.#cpuPerWorker = share / this.#p.vcpu;
    const factor = this.#p.measuredCoresPerWorker / share;
    this.#service =
      factor === 1
        ? input.service
        : {
            ...input.service,
            sample: (r) => input.service.sample(r) * factor,
            mean: input.service.mean * factor,
          };
  }

  run(): SyncRunOutput {
    this.#warmFleet();
    const q = this.#q;
    q.push(this.#arrivals.next(), ARRIVAL, 0);
    if (this.#p.autoscaling) q.push(this.#p.metricPeriodSeconds, METRIC, 0);
    q.push(this.#in.intervalSeconds, INTERVAL, 0);
    const stopBy =
      this.#in.window.end + this.#p.requestTimeoutSeconds + 2 * this.#in.intervalSeconds;
    for (let kind = q.pop(); kind >= 0; kind = q.pop()) {
      const t = q.time;
      this.#fleet.advance(t);
      if (kind === ARRIVAL) this.#arrive(t);
      else if (kind === DONE) this.#done(t, q.data);
      else if (kind === INTERVAL) {
        this.#interval(t);
        this.#in.onInterval?.(t);
        if (t >= this.#in.window.end && (this.#rec.inSystem === 0 || t >= stopBy)) break;
        q.push(t + this.#in.intervalSeconds, INTERVAL, 0);
      } else if (kind === METRIC) this.#metric(t);
      else if (kind === SCALE) this.#scale(t);
      else this.#fleet.ready(this.#fleet.tasks[q.data] as Task);
    }
    return this.#output(q.time);
  }

  #warmFleet(): void {
    const p = this.#p;
    const rate = this.#in.minuteRates[0] ?? 0;
    const cpu = rate * this.#service.mean * this.#cpuPerWorker;
    const warm = Math.ceil(cpu / p.targetCpu - 1e-9);
    const n = p.initialTasks ?? Math.min(p.maxTasks, Math.max(p.minTasks, warm));
    for (let i = 0; i < n; i++) this.#fleet.ready(this.#fleet.launch());
    this.#peak = n;
  }

  #arrive(t: number): void {
    this.#q.push(this.#arrivals.next(), ARRIVAL, 0);
    this.#rec.arrive(t);
    const task = this.#fleet.route();
    // No task in the target group: the balancer answers 503 at once.
    if (task === undefined) {
      this.#rec.depart(t, t, Outcome.failed);
      return;
    }
    const w = this.#fleet.freeWorker(task);
    if (w >= 0) this.#start(t, task, w, t);
    else task.queue.push(t);
  }

  #start(t: number, task: Task, worker: number, arrivedAt: number): void {
    const s = this.#service.sample(this.#rng);
    task.serving[worker] = arrivedAt;
    task.busy++;
    this.#fleet.busyWorkers++;
    if (this.#rec.measured(arrivedAt)) {
      this.#serviceHdr.record(s);
      this.#waitHdr.record(t - arrivedAt);
      this.#exact.served++;
      this.#exact.waitSeconds += t - arrivedAt;
      this.#exact.serviceSeconds += s;
    }
    this.#q.push(t + s, DONE, task.id * SLOT + worker);
  }

  #done(t: number, slot: number): void {
    const task = this.#fleet.tasks[Math.floor(slot / SLOT)] as Task;
    const worker = slot % SLOT;
    const arrivedAt = task.serving[worker] as number;
    task.serving[worker] = Number.NaN;
    task.busy--;
    this.#fleet.busyWorkers--;
    const late = t - arrivedAt > this.#p.requestTimeoutSeconds;
    this.#rec.depart(t, arrivedAt, late ? Outcome.timeout : Outcome.ok);
    // Requests whose balancer already answered 504 are dropped when they reach a worker.
    while (task.queue.size > 0) {
      const next = task.queue.shift();
      if (t - next < this.#p.requestTimeoutSeconds) {
        this.#start(t, task, worker, next);
        return;
      }
      this.#rec.depart(t, next, Outcome.timeout);
    }
    this.#fleet.stopIfIdle(task);
  }

  #metric(t: number): void {
    const f = this.#fleet;
    const running = f.runningArea - this.#metricSnap.running;
    const busy = f.busyArea - this.#metricSnap.busy;
    this.#metricSnap = { busy: f.busyArea, running: f.runningArea };
    const cpu = running > 0 ? Math.min(1, (busy * this.#cpuPerWorker) / running) : null;
    const decision = this.#scaler.datapoint(
      t,
      cpu,
      f.routable.length,
      f.routable.length + f.starting,
    );
    if (decision !== null) {
      this.#pending.push(decision);
      this.#q.push(decision.at, SCALE, 0);
    }
    this.#q.push(t + this.#p.metricPeriodSeconds, METRIC, 0);
  }

  #scale(t: number): void {
    const d = this.#pending.shift() as ScaleDecision;
    const f = this.#fleet;
    const launched = f.routable.length + f.starting;
    if (d.direction === "out" && d.desired > launched) {
      for (let i = launched; i < d.desired; i++) {
        const task = f.launch();
        const start =
          this.#p.taskStartMinSeconds +
          (this.#p.taskStartMaxSeconds - this.#p.taskStartMinSeconds) * this.#rng.next();
        this.#q.push(t + start, READY, task.id);
      }
    } else if (d.direction === "in" && d.desired < launched) f.retire(launched - d.desired);
    else return;
    this.#events.push({ t, from: launched, to: f.routable.length + f.starting });
    this.#intervalScaleEvents++;
    this.#peak = Math.max(this.#peak, f.routable.length + f.starting);
  }

  #interval(t: number): void {
    const f = this.#fleet;
    const w = this.#in.window;
    if (Math.abs(t - w.start) < 1e-6) this.#measureBilled.start = f.billedArea;
    if (Math.abs(t - w.end) < 1e-6) this.#measureBilled.end = f.billedArea;
    const busy = f.busyArea - this.#intervalBusy;
    const span = this.#in.intervalSeconds;
    this.#intervalBusy = f.busyArea;
    const common = this.#rec.closeInterval(t);
    this.#series.add(t, w, common, {
      tasksRunning: f.routable.length,
      tasksStarting: f.starting,
      fleetCpu: Math.round(((busy * this.#cpuPerWorker * this.#p.vcpu) / span) * 1_000) / 1_000,
      scaleEvents: this.#intervalScaleEvents,
    });
    this.#intervalScaleEvents = 0;
  }

  #output(endTime: number): SyncRunOutput {
    // Whatever is still in the system after the drain has waited past the balancer's timeout.
    for (const task of this.#fleet.tasks) {
      for (const a of task.serving)
        if (!Number.isNaN(a)) this.#rec.depart(endTime, a, Outcome.timeout);
      while (task.queue.size > 0) this.#rec.depart(endTime, task.queue.shift(), Outcome.timeout);
    }
    const billed = this.#measureBilled;
    return {
      recorder: this.#rec,
      serviceTime: this.#serviceHdr.toHdr(),
      queueWait: this.#waitHdr.toHdr(),
      exact: this.#exact,
      series: this.#series.build(),
      scaleEvents: this.#events,
      taskSeconds: billed.end - billed.start,
      peakTasks: this.#peak,
      endTime,
    };
  }
}
