import {
  asyncMonthlyCost,
  type CostBreakdown,
  type PriceTable,
  type ProjectedCost,
  syncMonthlyCost,
  type TrafficProfile,
} from "@queueshift/shared-model";
import type { AsyncTotals } from "../async/async-model.js";
import type { AsyncParams } from "../async/async-params.js";
import type { MonthFleet } from "../sync/month-fleet.js";
import type { SyncParams } from "../sync/sync-params.js";

const LOG_BYTES_PER_INVOCATION = 350; // reports USAGE_DEFAULTS: START/END/REPORT lines

function summarise(b: CostBreakdown, extra: readonly string[]): ProjectedCost {
  return {
    total: b.total,
    items: b.items.map((i) => ({
      component: i.component,
      quantity: i.quantity,
      unit: i.unit,
      cost: i.cost,
    })),
    notes: [...b.notes, ...extra],
  };
}

/** Design A's simulated usage: the month's fleet and the discrete-event window inside it. */
export interface SyncMonthUsage {
  readonly fleet: MonthFleet;
  /** Billed task-seconds of the discrete-event window, and where it sits in the month (minutes). */
  readonly windowTaskSeconds: number;
  readonly windowStartMinute: number;
  readonly windowMinutes: number;
}

/**
 * Design A's month from the cost model, billed for the task-hours the simulated autoscaler ran:
 * the discrete-event window's own, plus the mean-value month fleet's outside it (same target
 * tracking), so latency and cost come from one model. Capacity per vCPU (for the cost model's
 * plan figures) from the simulated service time.
 */
export function syncCost(
  p: SyncParams,
  meanServiceSeconds: number,
  traffic: TrafficProfile,
  bytes: { request: number; response: number },
  usage: SyncMonthUsage,
  prices: PriceTable,
): ProjectedCost {
  // One busy worker uses min(1, vcpu/workers) vCPU for meanServiceSeconds per request.
  const share = Math.min(1, p.vcpu / p.workersPerTask);
  const capacityPerVcpu = 1 / (meanServiceSeconds * share);
  const perMinute = usage.fleet.billedPerMinute;
  let month = 0;
  let fluidWindow = 0;
  const end = usage.windowStartMinute + usage.windowMinutes;
  for (let m = 0; m < perMinute.length; m++) {
    const s = perMinute[m] as number;
    month += s;
    if (m >= usage.windowStartMinute && m < end) fluidWindow += s;
  }
  const taskSeconds = month - fluidWindow + usage.windowTaskSeconds;
  const b = syncMonthlyCost(
    {
      capacityPerVcpu,
      traffic,
      platform: {
        kind: "fargate",
        architecture: p.architecture,
        vcpu: p.vcpu,
        memoryGb: p.memoryGb,
      },
      requestBytes: bytes.request,
      responseBytes: bytes.response,
      targetUtilisation: p.targetCpu,
      minTasks: p.minTasks,
      scaling: "hourly",
      simulatedTaskHours: taskSeconds / 3_600,
    },
    prices,
  );
  const h = (x: number) => (x / 3_600).toFixed(1);
  return summarise(b, [
    `simulated window: ${h(usage.windowTaskSeconds)} task-hours in ${usage.windowMinutes} min (the mean-value month fleet gives ${h(fluidWindow)} for the same minutes); the rest of the month ${h(month - fluidWindow)} task-hours from the same target tracking (peak ${usage.fleet.peakTasks} tasks, ${usage.fleet.scaleActions} scaling actions)`,
  ]);
}

/**
 * Design B's month from the cost model, fed with the simulated batch fill, billed duration per
 * message, cold starts (scaled from the window to the month by volume) and mean INIT.
 */
export function asyncCost(
  p: AsyncParams,
  t: AsyncTotals,
  windowRequests: number,
  traffic: TrafficProfile,
  requestBytes: number,
  pollers: number,
  prices: PriceTable,
): ProjectedCost {
  const meanBatch = t.invocations > 0 ? Math.max(1, t.messagesInvoked / t.invocations) : 1;
  const perMessageMs = t.messagesInvoked > 0 ? (t.billedMs - t.initMs) / t.messagesInvoked : 0;
  const scale = windowRequests > 0 ? traffic.monthlyRequests / windowRequests : 0;
  const b = asyncMonthlyCost(
    {
      traffic,
      requestBytes,
      queue: { meanBatchSize: Math.min(p.batchSize, meanBatch), pollers },
      lambda: {
        architecture: p.architecture,
        memoryMb: p.memoryMb,
        durationPerInvocationMs: 0,
        durationPerMessageMs: Math.max(0, perMessageMs),
        coldStarts: t.coldStarts * scale,
        initMs: t.coldStarts > 0 ? Math.min(10_000, t.initMs / t.coldStarts) : 0,
        logBytesPerInvocation: LOG_BYTES_PER_INVOCATION,
      },
    },
    prices,
  );
  return summarise(b, [
    `simulated: ${meanBatch.toFixed(2)} messages per invocation, ${perMessageMs.toFixed(2)} billed ms per message, ${t.coldStarts} cold starts in the window (x${scale.toFixed(1)} for the month by volume)`,
  ]);
}
