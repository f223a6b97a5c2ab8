import { ScenarioError } from "./scenario-errors.js";
import type { ArchitectureChoice, DeploymentTarget, LoadSpec, Scenario } from "./scenario-types.js";
import { deepFreeze } from "./validate-helpers.js";
import { parseScenario } from "./validate-scenario.js";

/** Command-line overrides, applied after the file and validated again with it. */
export interface ScenarioOverrides {
  /** Seconds of measured load; stages and spike timings scale in proportion. */
  readonly duration?: number;
  /** Arrivals/s: constant rate, spike base (the spike keeps its ratio), or a ramp's peak. */
  readonly rate?: number;
  readonly architectures?: ArchitectureChoice;
  readonly target?: DeploymentTarget;
  /** Warm-up seconds. */
  readonly warmupDuration?: number;
  /** `sync.taskVcpu`: the Fargate task size the sync workers run under. */
  readonly taskVcpu?: number;
  /** `async.memorySizeMB`: the function's memory (and so its CPU share). */
  readonly memorySizeMB?: number;
}

function withDuration(load: LoadSpec, duration: number): LoadSpec {
  switch (load.executor) {
    case "ramping-arrival-rate": {
      const total = load.stages.reduce((sum, s) => sum + s.duration, 0);
      const k = duration / total;
      return { ...load, stages: load.stages.map((s) => ({ ...s, duration: s.duration * k })) };
    }
    case "spike": {
      const k = duration / load.duration;
      return {
        ...load,
        duration,
        spikeStart: load.spikeStart * k,
        spikeDuration: load.spikeDuration * k,
        ...(load.spikeEvery === undefined ? {} : { spikeEvery: load.spikeEvery * k }),
      };
    }
    default:
      return { ...load, duration };
  }
}

function withRate(load: LoadSpec, rate: number, name: string): LoadSpec {
  switch (load.executor) {
    case "constant-arrival-rate":
      return { ...load, rate };
    case "spike": {
      const ratio = load.baseRate > 0 ? load.spikeRate / load.baseRate : 1;
      return { ...load, baseRate: rate, spikeRate: rate * ratio };
    }
    case "ramping-arrival-rate": {
      const peak = Math.max(load.startRate, ...load.stages.map((s) => s.target));
      const k = peak > 0 ? rate / peak : 0;
      return {
        ...load,
        startRate: load.startRate * k,
        stages: load.stages.map((s) => ({ ...s, target: s.target * k })),
      };
    }
    case "closed":
      throw new ScenarioError(
        "QS_SCENARIO_BAD_OVERRIDE",
        `--rate does not apply to scenario "${name}": its closed executor has no arrival rate`,
      );
  }
}

/** Applies overrides to a validated scenario and validates the result again (frozen). */
export function applyOverrides(scenario: Scenario, o: ScenarioOverrides): Scenario {
  let load = scenario.load;
  if (o.duration !== undefined) load = withDuration(load, o.duration);
  if (o.rate !== undefined) load = withRate(load, o.rate, scenario.name);
  const next = {
    ...structuredClone(scenario),
    load,
    ...(o.architectures === undefined ? {} : { architectures: o.architectures }),
    ...(o.target === undefined ? {} : { target: o.target }),
    ...(o.warmupDuration === undefined
      ? {}
      : { warmup: { ...scenario.warmup, duration: o.warmupDuration } }),
    ...(o.taskVcpu === undefined ? {} : { sync: { ...scenario.sync, taskVcpu: o.taskVcpu } }),
    ...(o.memorySizeMB === undefined
      ? {}
      : { async: { ...scenario.async, memorySizeMB: o.memorySizeMB } }),
  };
  return deepFreeze(parseScenario(next, `scenario "${scenario.name}" with overrides`));
}
