export {
  type AsyncDurations,
  type AsyncRunInput,
  type AsyncRunOutput,
  runAsync,
} from "./async/async-model.js";
export {
  ASYNC_PARAM_DEFAULTS,
  ASYNC_PARAM_SOURCES,
  type AsyncParams,
  resolveAsyncParams,
} from "./async/async-params.js";
export { ConcurrencyRamp, PROVISIONED_RAMP, STANDARD_RAMP } from "./async/event-source-mapping.js";
export { type Calibration, calibrate } from "./calibration/calibrate.js";
export { AWS_HOP_LATENCY } from "./calibration/defaults.js";
export {
  type FreshEnvironments,
  type FreshInvocations,
  freshEnvironments,
  freshInvocations,
} from "./calibration/fresh-environments.js";
export {
  type Distribution,
  deterministic,
  exponential,
  fromQuantiles,
  uniform,
} from "./engine/distribution.js";
export { EventQueue } from "./engine/event-queue.js";
export { decodeHdr, distributionOf, encodeHdr, newHdr, recordSeconds } from "./engine/histogram.js";
export { Issues, ProjectionError, ProjectionErrorCodes } from "./engine/projection-error.js";
export { type MeasureWindow, Outcome, Recorder } from "./engine/recorder.js";
export {
  combineSeeds,
  FIDELITY_GOALS,
  FIDELITY_SEEDS,
  type FidelityRow,
  replayFidelity,
  replayRun,
  type SeededFidelityRow,
} from "./fidelity.js";
export {
  PROJECTION_DEFAULTS,
  type ProgressSink,
  type ProjectionInput,
  project,
} from "./project.js";
export { TargetTracking } from "./sync/autoscaler.js";
export { runSync, type SyncRunInput, type SyncRunOutput } from "./sync/sync-model.js";
export {
  resolveSyncParams,
  SYNC_PARAM_DEFAULTS,
  SYNC_PARAM_SOURCES,
  type SyncParams,
} from "./sync/sync-params.js";
export { ArrivalStream } from "./traffic/arrivals.js";
export { applyBursts, type Burst, parseBurst } from "./traffic/bursts.js";
export { parseRateFile } from "./traffic/rate-file.js";
export {
  busiestWindow,
  type MonthTraffic,
  monthTraffic,
  type TrafficSource,
} from "./traffic/traffic-input.js";
