import { type ArchitectureResult, COMMON_SERIES_COLUMNS } from "@queueshift/shared-model";
import { epochMs } from "../clock/index.js";
import type { BodySource } from "../load/body-source.js";
import { type AutocannonTarget, executorFor } from "../load/executors.js";
import { createHttpSender } from "../load/http-sender.js";
import type { Send } from "../load/send.js";
import type { Histogram } from "../metrics/histogram.js";
import { loadDurationSeconds } from "../scenario/describe-scenario.js";
import { startHttpTarget } from "../stack/http-target.js";
import { ArchitectureSession } from "./arch-session.js";
import { encodeAll } from "./histogram-encoding.js";
import { runLoadPhase } from "./load-phase.js";
import type { ArchitectureOutcome, ArchitectureRunContext, SyncStackHandle } from "./run-types.js";
import { achievedRate, LOAD_DEFAULTS, scenarioBodies } from "./scenario-load.js";
import { tearDown } from "./stop-stack.js";
import { describeSyncTarget, type TargetDescription } from "./target-description.js";
import { runWarmup, type WarmupSummary } from "./warmup-phase.js";

/** What the measure phase of the sync side produced, whatever the executor. */
interface SyncMeasure {
  readonly scheduled: number;
  readonly sent: number;
  readonly missed: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly histograms: Record<string, Histogram>;
  readonly durationSeconds: number;
  readonly notes: string[];
}

/**
 * Architecture A: start the sync stack, warm up, measure (open model from intended times, or
 * autocannon for closed scenarios), let in-flight requests finish, tear down (always).
 */
export async function runSyncArchitecture(
  ctx: ArchitectureRunContext,
): Promise<ArchitectureOutcome> {
  const session = new ArchitectureSession(ctx, "sync", COMMON_SERIES_COLUMNS);
  session.setProgressPhase("provision");
  const provisionStart = epochMs();
  let stack: SyncTargetHandle;
  let bodies: BodySource;
  let target = describeSyncTarget(ctx.scenario, undefined);
  try {
    bodies = await scenarioBodies(ctx.scenario);
    stack = await startTarget(ctx);
    target = describeSyncTarget(ctx.scenario, stack.server);
  } catch (error) {
    return { result: syncResult(ctx, session, undefined, undefined, 0, target), error };
  }
  const provisionSeconds = (epochMs() - provisionStart) / 1_000;
  const run = await measureWithStack(ctx, session, stack, bodies);
  return {
    result: syncResult(ctx, session, run.measure, run.warmup, provisionSeconds, target),
    ...(run.error === undefined ? {} : { error: run.error }),
  };
}

/** A started sync target and the `server` header it answered with, if the harness asked. */
type SyncTargetHandle = SyncStackHandle & { readonly server?: string | undefined };

// The scenario's own HTTP service when it names one, else the built-in core's sync stack.
function startTarget(ctx: ArchitectureRunContext): Promise<SyncTargetHandle> {
  const task = { vcpu: ctx.scenario.sync.taskVcpu, cpuQuotas: ctx.cpuQuotas };
  const own = ctx.scenario.targets?.sync;
  if (own !== undefined) return startHttpTarget(own, { log: ctx.log, task });
  return ctx.starters.startSync({ workers: ctx.scenario.sync.workers, log: ctx.log, task });
}

async function measureWithStack(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  stack: SyncStackHandle,
  bodies: BodySource,
): Promise<{ measure?: SyncMeasure; warmup?: WarmupSummary; error?: unknown }> {
  const { scenario } = ctx;
  const own = scenario.targets?.sync;
  // Every executor sends the target's method, headers and bodies (a GET sends none).
  const shape = {
    url: stack.analyzeUrl,
    ...(own === undefined ? {} : { method: own.method, headers: own.headers }),
    ...(ctx.allowRemote ? { allowNonLoopback: true } : {}),
  };
  const withBody = own?.method !== "GET";
  const sender = createHttpSender({
    ...shape,
    ...(withBody ? { body: bodies.bodyFor } : {}),
    connections: LOAD_DEFAULTS.connections,
    timeoutMs: LOAD_DEFAULTS.timeoutMs,
  });
  // The workload mix of a closed scenario is one preset: autocannon then keeps one fixed body.
  const autocannon: AutocannonTarget = {
    ...shape,
    ...(withBody ? { body: scenario.bodies === undefined ? bodies.first : bodies.bodyFor } : {}),
  };
  let warmup: WarmupSummary | undefined;
  let measure: SyncMeasure | undefined;
  let error: unknown;
  try {
    session.startClock();
    session.startTicking(stack.processes, async () => {});
    session.begin("warmup");
    warmup = await runWarmup({
      scenario,
      send: sender.send,
      signal: ctx.signal,
      engine: session.engine,
    });
    session.begin("measure");
    session.resources.markStart(stack.processes());
    measure = await measureSync(ctx, session, autocannon, sender.send);
  } catch (err) {
    error = err;
  } finally {
    const stopError = await tearDown(session, "sync stack", sender, stack);
    error ??= stopError;
  }
  return {
    ...(measure ? { measure } : {}),
    ...(warmup ? { warmup } : {}),
    ...(error === undefined ? {} : { error }),
  };
}

async function measureSync(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  autocannon: AutocannonTarget,
  send: Send,
): Promise<SyncMeasure> {
  const load = ctx.scenario.load;
  const executor = executorFor(load);
  // Open schedules end on time: the drain starts then, while late responses still count.
  const toDrain = executor.endsOnSchedule
    ? setTimeout(() => session.begin("drain"), 1_000 * loadDurationSeconds(load))
    : undefined;
  try {
    const phase = await runLoadPhase(session.engine, load, {
      send,
      signal: ctx.signal,
      graceUs: LOAD_DEFAULTS.graceUs,
      autocannon,
    });
    const c = phase.recorded.counters;
    const x = phase.external;
    return {
      scheduled: phase.scheduled,
      sent: phase.sent,
      missed: phase.missed,
      errors: x?.errors ?? c.errors,
      timeouts: x?.timeouts ?? c.timeouts,
      statusCodes: x?.statusCodes ?? c.statusCodes,
      histograms: x
        ? { latency: x.latency }
        : {
            latency: phase.recorded.latency,
            serviceTime: phase.recorded.serviceTime,
            // Only when the target states its own time (the built-in service does; a user's may not).
            ...(phase.recorded.serviceInWorker.count > 0
              ? { serviceInWorker: phase.recorded.serviceInWorker }
              : {}),
          },
      durationSeconds: phase.durationSeconds,
      notes: phase.notes,
    };
  } finally {
    clearTimeout(toDrain);
    if (session.timeline.current === "measure") session.begin("drain");
  }
}

function syncResult(
  ctx: ArchitectureRunContext,
  session: ArchitectureSession,
  m: SyncMeasure | undefined,
  warmup: WarmupSummary | undefined,
  provisionSeconds: number,
  target: TargetDescription,
): ArchitectureResult {
  const resources = session.resources.result();
  const succeeded = Object.entries(m?.statusCodes ?? {}).reduce(
    (n, [code, k]) => n + (Number(code) >= 200 && Number(code) < 300 ? k : 0),
    0,
  );
  const measured = session.timeline.phase("measure");
  const drain = session.timeline.phase("drain");
  const span = measured ? (drain?.endSeconds ?? measured.endSeconds) - measured.startSeconds : 0;
  const stackCpu = resources
    .filter((r) => r.component !== "harness")
    .reduce((s, r) => s + r.cpuSeconds, 0);
  return {
    architecture: "sync",
    settings: {
      target,
      ...ctx.scenario.sync,
      // The vCPU each task's workers shared, or null when quotas were not applied (full core).
      taskVcpuApplied: ctx.cpuQuotas.state.status === "applied" ? ctx.scenario.sync.taskVcpu : null,
      executor: ctx.scenario.load.executor,
      load: LOAD_DEFAULTS,
      provisionSeconds: Math.round(provisionSeconds * 1_000) / 1_000,
      ...(warmup ? { warmup } : {}),
    },
    phases: session.timeline.phases(),
    offeredRate: m && m.durationSeconds > 0 ? m.scheduled / m.durationSeconds : 0,
    achievedRate: achievedRate(succeeded, Math.max(span, m?.durationSeconds ?? 0)),
    counters: {
      scheduled: m?.scheduled ?? 0,
      sent: m?.sent ?? 0,
      missed: m?.missed ?? 0,
      succeeded,
      failed: m?.errors ?? 0,
      timeouts: m?.timeouts ?? 0,
      statusCodes: { ...(m?.statusCodes ?? {}) },
    },
    histograms: encodeAll(m?.histograms ?? {}),
    timeSeries: session.series.build(),
    resources,
    // Requests per CPU-second of the service = what one fully busy vCPU serves (cost model).
    ...(stackCpu > 0 ? { capacityPerVcpu: Math.round((succeeded / stackCpu) * 100) / 100 } : {}),
    notes: [
      "latencies are from the intended send time (open model) unless noted; t = 0 when provisioning ended",
      "resources: CPU seconds from the start of the measure phase to the end of the drain",
      ...(m?.notes ?? ["no measurement: the run stopped before the measure phase"]),
    ],
  };
}
