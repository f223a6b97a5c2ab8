import type { ArchitectureResult, MeasuredQueueUsage } from "@queueshift/shared-model";
import type { BrokerDescription } from "../broker/index.js";
import type { EventSourceMappingCounters } from "../lambda/index.js";
import { WARM_ORDINAL } from "../metrics/analyses-by-ordinal.js";
import type { RecordedRun } from "../metrics/interval-recorder.js";
import { lambdaCpuShare } from "../process/cpu-quota.js";
import type { AsyncStackSettings, CollectorCounters, QueueCallCounts } from "../stack/index.js";
import type { ArchitectureSession } from "./arch-session.js";
import type { AsyncProbe } from "./async-probe.js";
import type { DrainOutcome } from "./drain-async.js";
import { encodeAll } from "./histogram-encoding.js";
import type { ArchitectureRunContext } from "./run-types.js";
import { achievedRate, LOAD_DEFAULTS } from "./scenario-load.js";
import type { WarmupSummary } from "./warmup-phase.js";

/** What the measured part of an async run produced. */
export interface AsyncMeasure {
  readonly scheduled: number;
  readonly durationSeconds: number;
  /** The submit (202) side, timed from intended send times. */
  readonly submit: RecordedRun;
  readonly notes: readonly string[];
  readonly warmup?: WarmupSummary;
  readonly drained: DrainOutcome;
  readonly dlq: number;
  readonly queue: QueueCallCounts;
  /** The result collector's counts over the measure and drain phases. */
  readonly collector: CollectorCounters;
  /** The event source mapping's counts over the measure and drain phases. */
  readonly mapping: EventSourceMappingCounters;
  readonly provisionSeconds: number;
  readonly stackSettings: AsyncStackSettings;
  readonly broker: BrokerDescription;
}

function queueUsage(accepted: number, q: QueueCallCounts): MeasuredQueueUsage {
  return {
    // One SendMessage per accepted job (the enqueue API sends one message per request).
    sends: accepted,
    receives: q.receives,
    emptyReceives: q.emptyReceives,
    deletes: q.deleteCalls,
    meanMessageBytes: q.receivedMessages > 0 ? Math.round(q.receivedBytes / q.receivedMessages) : 0,
  };
}

/** Builds the async side's `ArchitectureResult` from what was measured (partial if cut short). */
export function asyncResult(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  probe: AsyncProbe,
  m: AsyncMeasure | undefined,
): ArchitectureResult {
  const jobs = probe.jobs.counts();
  const measured = session.timeline.phase("measure");
  const span = measured ? probe.lastMeasuredResultSeconds - measured.startSeconds : 0;
  const c = m?.submit.counters;
  const h = session.engine.jobs;
  const ordinals = h.ordinals.result();
  const invocationOrdinals = h.invocationOrdinals.result();
  const platform = session.engine.platform.totals();
  return {
    architecture: "async",
    settings: asyncSettings(ctx, m, jobs.warmupDone),
    phases: session.timeline.phases(),
    offeredRate: m && m.durationSeconds > 0 ? m.scheduled / m.durationSeconds : 0,
    achievedRate: achievedRate(jobs.succeeded, Math.max(span, m?.durationSeconds ?? 0)),
    counters: {
      scheduled: m?.scheduled ?? 0,
      sent: c?.sent ?? 0,
      missed: c?.missed ?? 0,
      succeeded: jobs.succeeded,
      // Submissions the front door refused (4xx/5xx, or an answer without a usable job id) or
      // that failed in transport, and jobs whose result said failed.
      failed: (c?.errors ?? 0) + probe.unacceptedTotal + jobs.failed,
      timeouts: c?.timeouts ?? 0,
      statusCodes: { ...(c?.statusCodes ?? {}) },
      dlq: m?.dlq ?? 0,
      duplicates: jobs.duplicates,
      retries: jobs.retries,
      lost: m?.drained.lost ?? 0,
      coldStarts: platform.coldStarts,
      invocations: platform.invocations,
      deleteFailures: (m?.queue.deleteFailures ?? 0) + (m?.collector.deleteFailures ?? 0),
      // Failed harness calls: the collector's, and the event source mapping's failed receives.
      harnessErrors: (m?.collector.errors ?? 0) + (m?.mapping.receiveErrors ?? 0),
    },
    histograms: encodeAll({
      latency: h.latency,
      ...(m ? { submit: m.submit.latency } : {}),
      enqueue: h.enqueue,
      queueWait: h.queueWait,
      batchWait: h.batchWait,
      init: session.engine.platform.init,
      ...(session.engine.platform.initCpu.count > 0
        ? { initCpu: session.engine.platform.initCpu }
        : {}),
      handler: h.handler,
      ...(h.handlerCpu.count > 0 ? { handlerCpu: h.handlerCpu } : {}),
      resultWait: h.resultWait,
      ...(h.resultDelivery.count > 0 ? { resultDelivery: h.resultDelivery } : {}),
      ...(h.enqueueCalm.count > 0 ? { enqueueCalm: h.enqueueCalm } : {}),
      ...(h.resultDeliveryCalm.count > 0 ? { resultDeliveryCalm: h.resultDeliveryCalm } : {}),
      ...(h.batchWaitCalm.count > 0 ? { batchWaitCalm: h.batchWaitCalm } : {}),
      ...(h.handlerWarm.count > 0 ? { handlerWarm: h.handlerWarm } : {}),
      ...(h.handlerCpuWarm.count > 0 ? { handlerCpuWarm: h.handlerCpuWarm } : {}),
      invocation: session.engine.platform.invocation,
    }),
    timeSeries: session.series.build(),
    resources: session.resources.result(),
    lambda: session.engine.platform.usage(ctx.scenario.async.memorySizeMB),
    ...(m ? { queue: queueUsage(jobs.accepted, m.queue) } : {}),
    ...(ordinals ? { analysesByOrdinal: ordinals } : {}),
    ...(invocationOrdinals ? { invocationsByOrdinal: invocationOrdinals } : {}),
    notes: asyncNotes(probe, m),
  };
}

function asyncSettings(
  ctx: ArchitectureRunContext,
  m: AsyncMeasure | undefined,
  warmupJobsDone: number,
): ArchitectureResult["settings"] {
  return {
    ...ctx.scenario.async,
    ...(m?.stackSettings ?? {}),
    executor: ctx.scenario.load.executor,
    load: LOAD_DEFAULTS,
    // The CPU each environment ran at (cores), or null when quotas were not applied (full core).
    cpuShareCores:
      ctx.cpuQuotas.state.status === "applied"
        ? lambdaCpuShare(ctx.scenario.async.memorySizeMB)
        : null,
    ...(m ? { provisionSeconds: Math.round(m.provisionSeconds * 1_000) / 1_000 } : {}),
    ...(m?.warmup ? { warmup: { ...m.warmup, jobsDone: warmupJobsDone } } : {}),
    ...(m ? { drain: m.drained, brokerQueues: m.broker.queues } : {}),
    ...(m ? { brokerRestarts: m.broker.restarts } : {}),
  };
}

function asyncNotes(probe: AsyncProbe, m: AsyncMeasure | undefined): string[] {
  return [
    "latency = result received - intended submit time (end to end); submit = 202 time from the intended time",
    `enqueue = sentAt (the broker's SentTimestamp, whole ms) - intended submit time; queueWait = firstReceivedAt - sentAt; batchWait = handlerStartAt - firstReceivedAt (batching window, cold start, earlier records of the batch); handler = handlerEnd - handlerStart; handlerCpu = the analysis's CPU time (process.cpuUsage, built-in handler only); initCpu = the runtime's CPU time from its start to its first next (built-in runtime only; init is the wall time); resultWait = result received - handlerEnd (the batch's later records, publish, collect); resultDelivery = result received - batchEndAt (publish + collect); enqueueCalm, batchWaitCalm, resultDeliveryCalm = the same of the jobs with queueWait <= 1 ms accepted while at most 4 jobs were unfinished (no backlog, an idle stack); handlerWarm, handlerCpuWarm = handler and handlerCpu of an environment's analyses from its ${WARM_ORDINAL}th on (analysesByOrdinal: every phase's analyses by their place in their environment, means per group; invocationsByOrdinal: the same of the invocations, REPORT Duration and the runtime's CPU time with and without their records' analyses); invocation = REPORT Duration per invocation (no init)`,
    "counters.dlq = DLQ depth at the end (all phases); counters.lost = accepted jobs with neither a result nor a DLQ entry when the drain ended",
    "queue usage counts the jobs queue only (the results queue is harness plumbing); resources: CPU from the start of the measure phase to the end of the drain",
    ...(m?.notes ?? ["no measurement: the run stopped before the measure phase"]),
    ...(m && !m.drained.complete
      ? [
          `drain ended after ${m.drained.seconds.toFixed(1)} s with ${m.drained.lost} jobs unaccounted for`,
        ]
      : []),
    ...(m && m.collector.errors + m.collector.deleteFailures > 0
      ? [
          `result collector: ${m.collector.errors} failed calls, ${m.collector.deleteFailures} results not deleted (redelivered; counted once, as duplicates)`,
        ]
      : []),
    ...[...probe.jobs.failures()].map(
      ([code, f]) =>
        `${f.count} jobs ran but ended with a failed result ${code} (counted in counters.failed), e.g. ${f.jobIds.join(", ")}`,
    ),
    ...(probe.unacceptedTotal > 0
      ? [
          `${probe.unacceptedTotal} answers below 400 accepted no job (counted in counters.failed): ${probe.unaccepted.notTwoXx} not 2xx, ${probe.unaccepted.noJobId} without a job id, ${probe.unaccepted.reusedJobId} with a job id already used`,
        ]
      : []),
    ...(probe.jobs.unmatched > 0
      ? [`${probe.jobs.unmatched} results matched no accepted job`]
      : []),
  ];
}
