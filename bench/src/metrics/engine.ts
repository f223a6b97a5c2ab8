import type { Phase } from "@queueshift/shared-model";
import type { PlatformSample } from "../lambda/samples.js";
import type { Output } from "../output/output.js";
import { InvocationGroups, OrdinalGroups, WARM_ORDINAL } from "./analyses-by-ordinal.js";
import { Histogram } from "./histogram.js";
import { IntervalRecorder, type RecordedRun } from "./interval-recorder.js";
import { IntervalSink, type IntervalValues } from "./interval-sink.js";
import { PlatformTotals } from "./platform-totals.js";
import type { LoadSample, Sample, SampleType } from "./samples.js";

/** Phase names of the result document. */
export type PhaseName = Phase["name"];

/** One closed 1 s interval, as the engine hands it to every output. */
export interface IntervalSnapshot {
  /** Seconds on the architecture's timeline at the interval's end. */
  readonly t: number;
  readonly phase: PhaseName | undefined;
  readonly values: IntervalValues;
  /** p99 (us) of the completions of the open phase so far. */
  readonly phaseP99Us: number;
}

/** An output of the engine: handed every closed interval (`add` must not block). */
export type IntervalOutput = Output<IntervalSnapshot>;

/** Engine options: what a completion is differs by architecture. */
export interface MetricsEngineOptions {
  /** Sync: a response < 400 is a completed unit of work. Async: a 202 only accepts a job. */
  readonly responsesComplete: boolean;
  readonly outputs: readonly IntervalOutput[];
}

/** Whole-run histograms of the measured async jobs (all us). */
export interface JobHistograms {
  readonly latency: Histogram;
  readonly enqueue: Histogram;
  readonly queueWait: Histogram;
  readonly batchWait: Histogram;
  readonly handler: Histogram;
  /** Empty when the handler does not measure its CPU time (a user's handler). */
  readonly handlerCpu: Histogram;
  readonly resultWait: Histogram;
  /** Empty when results do not say when their batch ended (results of an older handler). */
  readonly resultDelivery: Histogram;
  /**
   * `enqueue` and `resultDelivery` of the jobs that met no wait in the queue (`queueWait` <= 1 ms,
   * the broker's timestamps being whole ms) and were accepted while at most `CALM_IN_FLIGHT` jobs
   * were unfinished: the hops when the stack is not congested, which a replay that simulates the
   * congestion itself draws from (projection/, issue 13).
   */
  readonly enqueueCalm: Histogram;
  readonly resultDeliveryCalm: Histogram;
  /** `batchWait` of the same jobs: receive -> handler start of a batch met without a backlog. */
  readonly batchWaitCalm: Histogram;
  /**
   * `handler` and `handlerCpu` of the analyses after an environment's first `WARM_ORDINAL - 1`
   * (empty when results do not say their ordinal): what a replay draws a warm environment's work
   * from, the fresh ones' being scaled by `ordinals`.
   */
  readonly handlerWarm: Histogram;
  readonly handlerCpuWarm: Histogram;
  /** Every phase's delivered analyses by their place in their environment. */
  readonly ordinals: OrdinalGroups;
  /** Every phase's invocations by their place in their environment, less their records' analyses. */
  readonly invocationOrdinals: InvocationGroups;
}

/** A job that waited at most this long in the queue met no backlog (SQS timestamps are whole ms). */
const CALM_QUEUE_WAIT_US = 1_000;
/**
 * ... and one accepted while at most this many jobs were unfinished met an idle stack: in a spike
 * most jobs wait in no queue, yet their calls meet a broker busy with twenty others (an idle stack
 * at 30-90 req/s and ~20 ms has 1-2 in flight).
 */
const CALM_IN_FLIGHT = 4;

/** The sinks a sample can reach (the route table writes to these). */
interface Sinks {
  readonly interval: IntervalSink;
  readonly phaseLatency: Histogram;
  readonly jobs: JobHistograms;
  readonly responsesComplete: boolean;
  phaseRun: IntervalRecorder | undefined;
  platform: PlatformTotals | undefined;
}

type Route<T extends SampleType> = (k: Sinks, s: Extract<Sample, { type: T }>) => void;

function completed(k: Sinks, latencyUs: number, ok: boolean): void {
  if (ok) k.interval.count("achieved");
  k.interval.latency(latencyUs);
  k.phaseLatency.record(latencyUs);
}

function loadRun(k: Sinks, s: LoadSample): void {
  k.phaseRun?.add(s);
}

function platform(k: Sinks, s: PlatformSample): void {
  k.platform?.add(s);
}

/**
 * Where each kind of sample goes: a mapped type over `SampleType`, so a new kind does not
 * compile until it is routed (and the routing test proves each route reaches an output).
 */
const ROUTES: { readonly [T in SampleType]: Route<T> } = {
  sent: (k, s) => {
    k.interval.count("sent");
    k.interval.count("offered");
    loadRun(k, s);
  },
  missed: (k, s) => {
    k.interval.count("missed");
    k.interval.count("offered");
    loadRun(k, s);
  },
  response: (k, s) => {
    if (s.status >= 400) k.interval.count("errors");
    if (k.responsesComplete) completed(k, s.latencyUs, s.status < 400);
    else {
      if (s.status === 202) k.interval.count("accepted");
      k.interval.latency(s.latencyUs, "submit");
    }
    loadRun(k, s);
  },
  error: (k, s) => {
    k.interval.count("errors");
    loadRun(k, s);
  },
  timeout: (k, s) => {
    k.interval.count("timeouts");
    loadRun(k, s);
  },
  gauge: (k, s) => {
    if (s.name === "inFlight") k.interval.set("inFlight", s.value);
    loadRun(k, s);
  },
  completed: (k, s) => {
    completed(k, s.latencyUs, s.ok);
    const ordinal = s.stages.analysisOrdinal;
    if (s.ok && ordinal !== undefined)
      k.jobs.ordinals.add(ordinal, s.stages.handlerUs, s.stages.handlerCpuUs);
    const invocation = s.stages.invocationOrdinal;
    if (s.ok && invocation !== undefined)
      k.jobs.invocationOrdinals.record(invocation, s.stages.handlerUs, s.stages.handlerCpuUs);
    if (s.phase !== "measure" || !s.ok) return; // measured, delivered jobs only
    k.jobs.latency.record(s.latencyUs);
    k.jobs.enqueue.record(s.stages.enqueueUs);
    k.jobs.queueWait.record(s.stages.queueWaitUs);
    k.jobs.batchWait.record(s.stages.batchWaitUs);
    k.jobs.handler.record(s.stages.handlerUs);
    k.jobs.resultWait.record(s.stages.resultWaitUs);
    if (s.stages.handlerCpuUs !== undefined) k.jobs.handlerCpu.record(s.stages.handlerCpuUs);
    if (ordinal !== undefined && ordinal >= WARM_ORDINAL) {
      k.jobs.handlerWarm.record(s.stages.handlerUs);
      if (s.stages.handlerCpuUs !== undefined) k.jobs.handlerCpuWarm.record(s.stages.handlerCpuUs);
    }
    if (s.stages.resultDeliveryUs !== undefined)
      k.jobs.resultDelivery.record(s.stages.resultDeliveryUs);
    if (
      s.stages.queueWaitUs <= CALM_QUEUE_WAIT_US &&
      (s.stages.inFlightAtAccept ?? 0) <= CALM_IN_FLIGHT
    ) {
      k.jobs.enqueueCalm.record(s.stages.enqueueUs);
      k.jobs.batchWaitCalm.record(s.stages.batchWaitUs);
      if (s.stages.resultDeliveryUs !== undefined)
        k.jobs.resultDeliveryCalm.record(s.stages.resultDeliveryUs);
    }
  },
  invocation: (k, s) => {
    k.interval.count("invocations");
    if (s.cold) k.interval.count("coldStarts");
    if (s.ordinal !== undefined && s.report !== undefined)
      k.jobs.invocationOrdinals.invocation(
        s.ordinal,
        s.report.durationMs * 1_000,
        s.cpuMs === undefined ? undefined : s.cpuMs * 1_000,
      );
    platform(k, s);
  },
  environment: (k, s) => {
    if (s.event !== "started") k.interval.count("envStopped");
    platform(k, s);
  },
  batch: (k, s) => {
    k.interval.batch(s.size);
    if (s.outcome === "throttled") k.interval.count("throttles");
    platform(k, s);
  },
  throttle: (k) => k.interval.count("throttles"),
  scaling: (k, s) => {
    k.interval.scaling(s);
    platform(k, s);
  },
  queue: (k, s) => {
    if (s.depth !== undefined) {
      k.interval.set("queueVisible", s.depth.visible);
      k.interval.set("queueInFlight", s.depth.inFlight);
      k.interval.set("dlq", s.depth.dlq);
    }
    k.interval.set("jobsInFlight", s.jobsInFlight);
    k.interval.set("oldestUnfinishedAgeMs", s.oldestUnfinishedAgeMs);
  },
  resources: (k, s) => {
    k.interval.set("harnessCpu", s.harnessCpu);
    k.interval.set("stackCpu", s.stackCpu);
    k.interval.set("stackRssMB", s.stackRssMB);
  },
};

/**
 * The one metrics engine of a run (k6's shape): producers hand it samples, it aggregates them
 * into sinks (the open phase's whole-run histograms and counters, the measured platform totals,
 * the 1 s interval sink) and hands each closed interval to the outputs. An output that throws
 * is counted, never allowed to break the run.
 */
export class MetricsEngine {
  readonly #k: Sinks;
  readonly #outputs: readonly IntervalOutput[];
  #outputErrors = 0;

  constructor(o: MetricsEngineOptions) {
    this.#k = {
      interval: new IntervalSink(),
      phaseLatency: new Histogram(),
      jobs: {
        latency: new Histogram(),
        enqueue: new Histogram(),
        queueWait: new Histogram(),
        batchWait: new Histogram(),
        handler: new Histogram(),
        handlerCpu: new Histogram(),
        resultWait: new Histogram(),
        resultDelivery: new Histogram(),
        enqueueCalm: new Histogram(),
        resultDeliveryCalm: new Histogram(),
        batchWaitCalm: new Histogram(),
        handlerWarm: new Histogram(),
        handlerCpuWarm: new Histogram(),
        ordinals: new OrdinalGroups(),
        invocationOrdinals: new InvocationGroups(),
      },
      responsesComplete: o.responsesComplete,
      phaseRun: undefined,
      platform: undefined,
    };
    this.#outputs = o.outputs;
    for (const out of this.#outputs) this.#guard(() => out.start());
  }

  /** The sink to hand producers. */
  readonly add = (s: Sample): void => {
    (ROUTES[s.type] as (k: Sinks, s: Sample) => void)(this.#k, s);
  };

  /** A new phase: the progress p99 restarts; from `measure` on, platform totals count. */
  beginPhase(name: PhaseName): void {
    this.#k.phaseLatency.reset();
    if (name === "measure") this.#k.platform ??= new PlatformTotals();
  }

  /**
   * Opens a whole-run load recorder for one executor run (a warm-up or a measurement). It is
   * scoped by the run, not the timeline phase: responses that land after the drain phase
   * began still belong to the measurement that sent them.
   */
  openLoadRun(): void {
    this.#k.phaseRun = new IntervalRecorder({ keepRows: false });
  }

  /** Closes the open load recorder and returns its histograms and counters. */
  finishLoadRun(): RecordedRun {
    const run = (this.#k.phaseRun ?? new IntervalRecorder({ keepRows: false })).finish();
    this.#k.phaseRun = undefined;
    return run;
  }

  /** Histograms of the jobs submitted in the measure phase (async). */
  get jobs(): JobHistograms {
    return this.#k.jobs;
  }

  /** The measured platform totals (empty when the measure phase never began). */
  get platform(): PlatformTotals {
    this.#k.platform ??= new PlatformTotals();
    return this.#k.platform;
  }

  /** Closes the open interval at `t` seconds (in `phase`) and hands it to every output. */
  flush(t: number, phase: PhaseName | undefined): void {
    const snapshot: IntervalSnapshot = {
      t,
      phase,
      values: this.#k.interval.close(),
      phaseP99Us: this.#k.phaseLatency.percentile(99),
    };
    for (const out of this.#outputs) this.#guard(() => out.add(snapshot));
  }

  /** Stops every output (call after the last `flush`). */
  stop(): void {
    for (const out of this.#outputs) this.#guard(() => out.stop());
  }

  /** Output calls that threw (counted, never propagated). */
  get outputErrors(): number {
    return this.#outputErrors;
  }

  #guard(call: () => void): void {
    try {
      call();
    } catch {
      this.#outputErrors += 1;
    }
  }
}
