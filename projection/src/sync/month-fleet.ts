import { type ScaleDecision, TargetTracking } from "./autoscaler.js";
import type { SyncParams } from "./sync-params.js";

/** The month's sync fleet as the autoscaler would run it, minute by minute. */
export interface MonthFleet {
  /** Billed task-seconds in each minute of the month (running + starting tasks). */
  readonly billedPerMinute: Float64Array;
  readonly peakTasks: number;
  readonly scaleActions: number;
}

/**
 * A mean-value run of design A's autoscaler over every minute of the month: the same
 * TargetTracking (datapoints, alarm delay, cooldowns, min/max) as the discrete-event window,
 * fed each period's mean CPU, work served x CPU per worker / running tasks (at most 1), where work
 * is rate x service time plus a fluid backlog (up to the request timeout's worth), instead of
 * per-request queues; new tasks serve after the mean task start time; draining is instant. It exists so
 * the month is billed for the fleet the autoscaler keeps, lag included, not an hourly plan; the
 * discrete-event window replaces its minutes (project.ts). Pure and deterministic.
 */
export function simulateMonthFleet(
  p: SyncParams,
  minuteRates: ArrayLike<number>,
  serviceMeanSeconds: number,
): MonthFleet {
  const cpuPerWorker = Math.min(1, p.vcpu / p.workersPerTask) / p.vcpu;
  const workSeconds = (rate: number) => rate * serviceMeanSeconds; // worker-seconds per second
  const warm = Math.ceil((workSeconds(minuteRates[0] ?? 0) * cpuPerWorker) / p.targetCpu - 1e-9);
  let running = p.initialTasks ?? Math.min(p.maxTasks, Math.max(p.minTasks, warm));
  const readyAt: number[] = []; // times the starting tasks begin to serve, ascending
  const pending: ScaleDecision[] = [];
  const scaler = new TargetTracking(p);
  const startSeconds = (p.taskStartMinSeconds + p.taskStartMaxSeconds) / 2;
  const period = p.metricPeriodSeconds;
  const minutes = minuteRates.length;
  const billedPerMinute = new Float64Array(minutes);
  let peakTasks = running;
  let scaleActions = 0;
  let backlog = 0; // worker-seconds of work waiting in the tasks' queues
  for (let t = 0; t < minutes * 60; t += period) {
    const end = t + period;
    while (readyAt.length > 0 && (readyAt[0] as number) <= t) {
      readyAt.shift();
      running++;
    }
    while (pending.length > 0 && (pending[0] as ScaleDecision).at <= t) {
      const d = pending.shift() as ScaleDecision;
      const launched = running + readyAt.length;
      if (d.direction === "out" && d.desired > launched) {
        for (let i = launched; i < d.desired; i++) readyAt.push(d.at + startSeconds);
      } else if (d.direction === "in" && d.desired < launched) {
        // Starting tasks are cancelled first (the newest), then running ones retire.
        let drop = launched - d.desired;
        while (drop > 0 && readyAt.length > 0) {
          readyAt.pop();
          drop--;
        }
        running = Math.max(1, running - drop);
      } else continue;
      scaleActions++;
    }
    const minute = Math.floor(t / 60);
    billedPerMinute[minute] = (billedPerMinute[minute] ?? 0) + (running + readyAt.length) * period;
    peakTasks = Math.max(peakTasks, running + readyAt.length);
    if (!p.autoscaling) continue;
    // Work beyond the workers waits (as a fluid backlog) and keeps them busy after a burst; what
    // waited longer than the balancer's timeout was answered 504 and is dropped.
    const demand = workSeconds(minuteRates[minute] ?? 0) * period + backlog;
    const served = Math.min(running * p.workersPerTask * period, demand);
    const maxBacklog = workSeconds(minuteRates[minute] ?? 0) * p.requestTimeoutSeconds;
    backlog = Math.min(maxBacklog, demand - served);
    const cpu = running > 0 ? Math.min(1, ((served / period) * cpuPerWorker) / running) : null;
    const d = scaler.datapoint(end, cpu, running, running + readyAt.length);
    if (d !== null) pending.push(d);
  }
  return { billedPerMinute, peakTasks, scaleActions };
}
