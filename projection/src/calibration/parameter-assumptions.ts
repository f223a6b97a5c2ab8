import type { Assumption } from "@queueshift/shared-model";
import {
  ASYNC_PARAM_DEFAULTS,
  ASYNC_PARAM_SOURCES,
  type AsyncParams,
} from "../async/async-params.js";
import { SYNC_PARAM_DEFAULTS, SYNC_PARAM_SOURCES, type SyncParams } from "../sync/sync-params.js";

function listed<P extends object>(
  prefix: string,
  params: P,
  defaults: Readonly<P>,
  sources: Readonly<Record<keyof P, string>>,
  calibrated: ReadonlySet<string>,
): Assumption[] {
  return (Object.keys(params) as (keyof P & string)[]).map((key) => {
    const name = `${prefix}.${key}`;
    const value = params[key];
    const isDefault = value === defaults[key];
    // null defaults are either derived (initial fleet, alarm delay) or unset (MaximumConcurrency).
    const shown = value === null ? "derived or unset" : (value as number | string | boolean);
    if (calibrated.has(name))
      return { name, kind: "measured", value: shown, source: "from the run (calibration)" };
    return {
      name,
      kind: isDefault ? "assumed" : "set",
      value: shown,
      source: isDefault ? sources[key] : "set by the caller",
    };
  });
}

/** Every parameter of the simulated designs, marked default (with its source) or set by the caller. */
export function parameterAssumptions(
  designs: "both" | "sync" | "async",
  sync: SyncParams,
  async: AsyncParams,
  run: { readonly seed: number; readonly windowMinutes: number; readonly warmupMinutes: number },
  /** Parameters taken from the run rather than the caller or a default, e.g. `async.measuredCpuShare`. */
  calibrated: ReadonlySet<string> = new Set(),
): Assumption[] {
  return [
    { name: "seed", kind: "set", value: run.seed, source: "mulberry32 seed of arrivals and draws" },
    { name: "windowMinutes", kind: "set", value: run.windowMinutes, source: "simulated window" },
    {
      name: "warmupMinutes",
      kind: "set",
      value: run.warmupMinutes,
      source: "simulated before the window, not measured",
    },
    ...(designs !== "async"
      ? listed("sync", sync, SYNC_PARAM_DEFAULTS, SYNC_PARAM_SOURCES, calibrated)
      : []),
    ...(designs !== "sync"
      ? listed("async", async, ASYNC_PARAM_DEFAULTS, ASYNC_PARAM_SOURCES, calibrated)
      : []),
  ];
}
