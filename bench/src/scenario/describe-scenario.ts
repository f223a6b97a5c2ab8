import { basename } from "node:path";
import { spikeRepeats } from "../load/schedule-spec.js";
import type { Architecture, LoadSpec, Scenario } from "./scenario-types.js";
import { frontDoorOf } from "./validate-async-target.js";

/** Seconds the measured load lasts. */
export function loadDurationSeconds(load: LoadSpec): number {
  if (load.executor === "ramping-arrival-rate") {
    return load.stages.reduce((sum, s) => sum + s.duration, 0);
  }
  return load.duration;
}

function describeLoad(load: LoadSpec): string {
  switch (load.executor) {
    case "constant-arrival-rate":
      return `${load.rate}/s for ${load.duration} s`;
    case "ramping-arrival-rate":
      return `ramp from ${load.startRate}/s through ${load.stages.map((s) => `${s.target}/s`).join(" -> ")} over ${loadDurationSeconds(load)} s`;
    case "spike":
      return `${load.baseRate}/s with a spike to ${load.spikeRate}/s at ${load.spikeStart} s for ${load.spikeDuration} s${spikeRepeats(load)}, ${load.duration} s`;
    case "closed":
      return `${load.connections} connections for ${load.duration} s`;
  }
}

/**
 * One line saying what a scenario does, e.g. for `--describe` and progress headers; `order` is
 * the order a suite measures the designs in (default sync then async).
 */
export function describeScenario(s: Scenario, order?: readonly Architecture[]): string {
  const b = s.bodies;
  const mix =
    b === undefined
      ? s.workload.map((w) => `${w.preset}x${w.weight}`).join("+")
      : "file" in b
        ? `bodies from ${basename(b.file)} (${b.order})`
        : "bodies from a template";
  const warm = s.warmup.duration > 0 ? `warm-up ${s.warmup.duration} s` : "no warm-up";
  const arch =
    s.architectures !== "both"
      ? s.architectures
      : order === undefined
        ? "sync then async"
        : order.join(" then ");
  const a = s.async;
  const door = frontDoorOf(s.targets?.async);
  const asyncPart =
    s.architectures === "sync"
      ? ""
      : `; async ${a.memorySizeMB} MB, batch ${a.batchSize}/${a.batchingWindowSeconds} s, ${concurrencyOf(a)}${door === undefined ? "" : ` behind ${door.enqueueUrl}`}`;
  const own = s.targets?.sync;
  const syncTarget = own === undefined ? `${s.sync.workers} workers` : own.url;
  const syncPart = s.architectures === "async" ? "" : `; sync ${syncTarget}`;
  return `${s.name}: ${s.load.executor} ${describeLoad(s.load)} of ${mix}, ${warm}, ${arch}${syncPart}${asyncPart}`;
}

/** The mapping's concurrency setting: MaximumConcurrency, or provisioned mode's pollers. */
function concurrencyOf(a: Scenario["async"]): string {
  const p = a.provisionedPollerConfig;
  return p === undefined
    ? `max ${a.maxConcurrency}`
    : `provisioned ${p.minimumPollers}-${p.maximumPollers} pollers`;
}

/** Rough wall-clock seconds the scenario takes (without provisioning), for progress totals. */
export function plannedSeconds(s: Scenario): number {
  const perArch = s.warmup.duration + loadDurationSeconds(s.load);
  return s.architectures === "both" ? 2 * perArch : perArch;
}
