import { ASYNC_SERIES_COLUMNS, COMMON_SERIES_COLUMNS } from "@queueshift/shared-model";
import { runClosedLoop } from "../load/closed-loop.js";
import { createHttpSender, type HttpSender } from "../load/http-sender.js";
import { IntervalRecorder, type RecordedRun } from "../metrics/interval-recorder.js";
import { loadDurationSeconds } from "../scenario/describe-scenario.js";
import { ArchitectureSession } from "./arch-session.js";
import { AsyncProbe } from "./async-probe.js";
import { type AsyncMeasure, asyncResult } from "./async-result.js";
import { drainAsync } from "./drain-async.js";
import { epochMs } from "./epoch-clock.js";
import { runOpenPhase } from "./open-phase.js";
import type { ArchitectureOutcome, ArchitectureRunContext, AsyncStackHandle } from "./run-types.js";
import { LOAD_DEFAULTS, scenarioMix } from "./scenario-load.js";
import { tearDown } from "./stop-stack.js";
import { runWarmup } from "./warmup-phase.js";

/**
 * Architecture B: start broker, enqueue API, event source mapping and environments; warm up;
 * submit the same schedule and bodies as the sync side; drain until every accepted job's
 * result arrived or sits in the DLQ (bounded); collect; tear down (always).
 */
export async function runAsyncArchitecture(
  ctx: ArchitectureRunContext,
): Promise<ArchitectureOutcome> {
  const session = new ArchitectureSession(ctx, "async", [
    ...COMMON_SERIES_COLUMNS,
    ...ASYNC_SERIES_COLUMNS,
  ]);
  const probe = new AsyncProbe(session);
  session.setProgressPhase("provision");
  const provisionStart = epochMs();
  let stack: AsyncStackHandle;
  try {
    stack = await ctx.starters.startAsync({
      ...ctx.scenario.async,
      ...(ctx.asyncStackOptions ?? {}),
      log: ctx.log,
      onPlatformSample: probe.platform.add,
      onResult: probe.onResult,
    });
  } catch (error) {
    return { result: asyncResult(ctx, session, probe, undefined), error };
  }
  const provisionSeconds = (epochMs() - provisionStart) / 1_000;
  const sender = createHttpSender({
    url: stack.enqueueUrl,
    body: scenarioMix(ctx.scenario).bodyFor,
    connections: LOAD_DEFAULTS.connections,
    timeoutMs: LOAD_DEFAULTS.timeoutMs,
    onResponse: probe.onResponse,
  });
  let measure: AsyncMeasure | undefined;
  let error: unknown;
  try {
    measure = await measureAsync(ctx, session, probe, stack, sender);
  } catch (err) {
    error = err;
  } finally {
    const stopError = await tearDown(session, "async stack", sender, stack);
    error ??= stopError;
  }
  const result = asyncResult(ctx, session, probe, measure && { ...measure, provisionSeconds });
  const b = stack.broker;
  const broker = {
    kind: b.kind,
    reason: b.reason,
    endpoint: b.endpoint,
    ...(b.version ? { version: b.version } : {}),
  };
  return { result, broker, ...(error === undefined ? {} : { error }) };
}

async function measureAsync(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  probe: AsyncProbe,
  stack: AsyncStackHandle,
  sender: HttpSender,
): Promise<AsyncMeasure> {
  session.startClock();
  session.startTicking(stack.processes, (series) => probe.tick(stack, series));
  session.begin("warmup");
  const warmup = await runWarmup({
    scenario: ctx.scenario,
    send: sender.send,
    signal: ctx.signal,
    onSample: (s) => session.loadSample(s, false),
    onStart: (at) => probe.startPhase("warmup", at),
  });
  // Let the warm-up's backlog clear (bounded) so the measurement starts from a settled stack.
  const settled = await drainAsync({
    probe,
    stack,
    signal: ctx.signal,
    timeoutSeconds: Math.min(30, ctx.scenario.drain.timeoutSeconds),
  });
  session.begin("measure");
  session.resources.markStart(stack.processes());
  probe.platform.startMeasuring();
  const before = stack.counters();
  const load = await submitLoad(ctx, session, probe, sender);
  session.begin("drain");
  const drained = await drainAsync({
    probe,
    stack,
    signal: ctx.signal,
    timeoutSeconds: ctx.scenario.drain.timeoutSeconds,
  });
  const depth = await stack.queueDepth().catch(() => undefined);
  const after = stack.counters();
  const queue = diffCounts(before.queue, after.queue);
  const collector = diffCounts(before.collector, after.collector);
  return {
    ...load,
    ...(warmup
      ? { warmup: { ...warmup, settleSeconds: settled.seconds, unsettled: settled.lost } }
      : {}),
    drained,
    dlq: depth?.dlq ?? probe.lastDlq,
    queue,
    collector,
    provisionSeconds: 0,
    stackSettings: stack.settings,
    broker: stack.broker.describe(),
  };
}

async function submitLoad(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  probe: AsyncProbe,
  sender: HttpSender,
): Promise<{ scheduled: number; durationSeconds: number; submit: RecordedRun; notes: string[] }> {
  const load = ctx.scenario.load;
  const onSample = (s: Parameters<typeof session.loadSample>[0]) => session.loadSample(s, false);
  if (load.executor === "closed") {
    const recorder = new IntervalRecorder({ keepRows: false });
    probe.startPhase("measure", epochMs());
    const r = await runClosedLoop({
      send: sender.send,
      connections: load.connections,
      durationUs: load.duration * 1e6,
      signal: ctx.signal,
      onSample: (s) => {
        recorder.add(s);
        onSample(s);
      },
    });
    const notes = [
      "closed model on the enqueue API: the harness's closed loop, not autocannon (job ids are needed to join results)",
    ];
    return { scheduled: r.sent, durationSeconds: load.duration, submit: recorder.finish(), notes };
  }
  const phase = await runOpenPhase({
    spec: load,
    send: sender.send,
    signal: ctx.signal,
    graceUs: LOAD_DEFAULTS.graceUs,
    onSample,
    onStart: (at) => probe.startPhase("measure", at),
  });
  const notes = phase.model.aborted
    ? [`interrupted: ${phase.model.notOffered} arrivals not offered`]
    : [];
  const missed = phase.model.missed["generator-lag"] + phase.model.missed["max-in-flight"];
  if (missed > 0) notes.push(`${missed} arrivals missed by the generator (counted, not sent)`);
  return {
    scheduled: phase.scheduled,
    durationSeconds: loadDurationSeconds(load),
    submit: phase.recorded,
    notes,
  };
}

/** What each counter added between two readings. */
function diffCounts<T extends { readonly [K in keyof T]: number }>(before: T, after: T): T {
  const out = { ...after } as Record<keyof T, number>;
  for (const key of Object.keys(out) as (keyof T)[]) out[key] -= before[key];
  return out as T;
}
