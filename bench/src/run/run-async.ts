import {
  type ArchitectureResult,
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
} from "@queueshift/shared-model";
import { epochMs } from "../clock/index.js";
import type { BodySource } from "../load/body-source.js";
import { createHttpSender, type HttpSender } from "../load/http-sender.js";
import type { RecordedRun } from "../metrics/interval-recorder.js";
import { frontDoorOf } from "../scenario/validate-async-target.js";
import { ArchitectureSession } from "./arch-session.js";
import { AsyncProbe } from "./async-probe.js";
import { type AsyncMeasure, asyncResult } from "./async-result.js";
import { drainAsync } from "./drain-async.js";
import { runLoadPhase } from "./load-phase.js";
import type { ArchitectureOutcome, ArchitectureRunContext, AsyncStackHandle } from "./run-types.js";
import { LOAD_DEFAULTS, scenarioBodies } from "./scenario-load.js";
import { tearDown } from "./stop-stack.js";
import { describeAsyncTarget } from "./target-description.js";
import { runWarmup } from "./warmup-phase.js";

/**
 * Architecture B: start broker, enqueue API (or the user's front door), event source mapping and
 * environments; warm up;
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
  const frontDoor = frontDoorOf(ctx.scenario.targets?.async);
  const probe = new AsyncProbe(session, frontDoor?.jobIdField);
  session.setProgressPhase("provision");
  const provisionStart = epochMs();
  let stack: AsyncStackHandle;
  let bodies: BodySource;
  try {
    bodies = await scenarioBodies(ctx.scenario);
    stack = await ctx.starters.startAsync({
      ...ctx.scenario.async,
      ...asyncTargetOptions(ctx.scenario),
      ...(ctx.asyncStackOptions ?? {}),
      log: ctx.log,
      cpuQuotas: ctx.cpuQuotas,
      onPlatformSample: session.engine.add,
      onResult: probe.onResult,
    });
  } catch (error) {
    return { result: withTarget(ctx, asyncResult(ctx, session, probe, undefined)), error };
  }
  const provisionSeconds = (epochMs() - provisionStart) / 1_000;
  const sender = createHttpSender({
    url: stack.enqueueUrl,
    ...(frontDoor === undefined ? {} : { method: frontDoor.method, headers: frontDoor.headers }),
    body: bodies.bodyFor,
    connections: LOAD_DEFAULTS.connections,
    timeoutMs: LOAD_DEFAULTS.timeoutMs,
    onResponse: probe.onResponse,
    ...(ctx.allowRemote ? { allowNonLoopback: true } : {}),
  });
  let measure: AsyncMeasure | undefined;
  let error: unknown;
  try {
    measure = await measureAsync(ctx, session, probe, stack, sender);
    // A broker that died for good (its restart bound used up) fails the run, measured or not.
    error = stack.broker.failure();
  } catch (err) {
    error = err;
  } finally {
    const stopError = await tearDown(session, "async stack", sender, stack);
    error ??= stopError;
  }
  const result = withTarget(
    ctx,
    asyncResult(ctx, session, probe, measure && { ...measure, provisionSeconds }),
  );
  return outcomeOf(result, stack, measure, error);
}

/** The run's outcome: its result, the broker it used, the jobs it lost by id, its error. */
function outcomeOf(
  result: ArchitectureResult,
  stack: AsyncStackHandle,
  measure: AsyncMeasure | undefined,
  error: unknown,
): ArchitectureOutcome {
  const b = stack.broker;
  const broker = {
    kind: b.kind,
    reason: b.reason,
    endpoint: b.endpoint,
    ...(b.version ? { version: b.version } : {}),
  };
  const drained = measure?.drained;
  return {
    result,
    broker,
    ...(drained && drained.lost > 0
      ? { lost: { count: drained.lost, jobIds: drained.lostJobIds } }
      : {}),
    ...(error === undefined ? {} : { error }),
  };
}

async function measureAsync(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  probe: AsyncProbe,
  stack: AsyncStackHandle,
  sender: HttpSender,
): Promise<AsyncMeasure> {
  session.startClock();
  session.startTicking(stack.processes, (engine) => probe.tick(stack, engine));
  session.begin("warmup");
  const warmup = await runWarmup({
    scenario: ctx.scenario,
    send: sender.send,
    signal: ctx.signal,
    engine: session.engine,
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
  const mapping = diffCounts(before.mapping, after.mapping);
  return {
    ...load,
    ...(warmup
      ? { warmup: { ...warmup, settleSeconds: settled.seconds, unsettled: settled.lost } }
      : {}),
    drained,
    dlq: depth?.dlq ?? probe.lastDlq,
    queue,
    mapping,
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
  const phase = await runLoadPhase(session.engine, ctx.scenario.load, {
    send: sender.send,
    signal: ctx.signal,
    graceUs: LOAD_DEFAULTS.graceUs,
    onStart: (at) => probe.startPhase("measure", at),
  });
  const notes = [...phase.notes];
  if (phase.missed > 0)
    notes.push(`${phase.missed} arrivals missed by the generator (counted, not sent)`);
  return {
    scheduled: phase.scheduled,
    durationSeconds: phase.durationSeconds,
    submit: phase.recorded,
    notes,
  };
}

/** `targets.async` for the stack: the user's function, and the user's front door. */
function asyncTargetOptions(scenario: ArchitectureRunContext["scenario"]) {
  const target = scenario.targets?.async;
  const frontDoor = frontDoorOf(target);
  return {
    ...(target?.function === undefined ? {} : { function: target.function }),
    ...(frontDoor === undefined ? {} : { frontDoor }),
  };
}

/** The result with `settings.target` naming what the async design ran. */
function withTarget(ctx: ArchitectureRunContext, result: ArchitectureResult): ArchitectureResult {
  return { ...result, settings: { target: describeAsyncTarget(ctx.scenario), ...result.settings } };
}

/** What each counter added between two readings. */
function diffCounts<T extends { readonly [K in keyof T]: number }>(before: T, after: T): T {
  const out = { ...after } as Record<keyof T, number>;
  for (const key of Object.keys(out) as (keyof T)[]) out[key] -= before[key];
  return out as T;
}
