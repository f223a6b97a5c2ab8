/** Run orchestration: provision -> warm-up -> measure -> drain -> collect -> tear down, per architecture. */
export { type JobCounts, JobTracker } from "./job-tracker.js";
export { KEY_PACKAGES, machineInfo, packageVersions } from "./machine-info.js";
export {
  type ComponentProcess,
  type ProcReader,
  ResourceSampler,
  readProc,
} from "./resource-sampler.js";
export { makeRunId, readLatest, type WrittenResult, writeResult } from "./result-writer.js";
export { type RunScenarioOptions, runScenario, type ScenarioRunResult } from "./run-scenario.js";
export type {
  ArchitectureOutcome,
  ArchitectureRunContext,
  AsyncStackHandle,
  ProgressPhase,
  ProgressSnapshot,
  StackStarters,
  SyncStackHandle,
} from "./run-types.js";
