import type { ArchitectureEntry } from "../output/result-document-output.js";
import type { CpuQuotas } from "../process/cpu-quota.js";
import type { Scenario } from "../scenario/scenario-types.js";
import type {
  AsyncStackOptions,
  StartedAsyncStack,
  StartedSyncStack,
  SyncStackOptions,
} from "../stack/index.js";

/** The parts of a started sync stack the orchestration uses. */
export type SyncStackHandle = Pick<StartedSyncStack, "analyzeUrl" | "processes" | "stop">;

/** The parts of a started async stack the orchestration uses. */
export type AsyncStackHandle = Pick<
  StartedAsyncStack,
  | "enqueueUrl"
  | "broker"
  | "queueDepth"
  | "dlqJobIds"
  | "processes"
  | "counters"
  | "settings"
  | "stop"
>;

/** How stacks are started: the real ones by default, fakes in unit tests. */
export interface StackStarters {
  startSync(options: SyncStackOptions): Promise<SyncStackHandle>;
  startAsync(options: AsyncStackOptions): Promise<AsyncStackHandle>;
}

/** Run phases as the progress line names them. */
export type ProgressPhase = "provision" | "warmup" | "measure" | "drain" | "teardown";

/** A snapshot for the live progress line (the CLI renders it; the library never prints). */
export interface ProgressSnapshot {
  readonly scenario: string;
  readonly architecture: "sync" | "async";
  readonly phase: ProgressPhase;
  /** Seconds since the scenario started and its planned length (without provisioning). */
  readonly elapsedSeconds: number;
  readonly plannedSeconds: number;
  /** Arrivals and completions per second over the last interval. */
  readonly offeredRate: number;
  readonly achievedRate: number;
  /** p99 of the current phase so far (us); sync: response, async: end to end. */
  readonly p99Us: number;
  readonly errors: number;
  readonly queueVisible?: number;
  readonly queueInFlight?: number;
  readonly environments?: {
    readonly busy: number;
    readonly idle: number;
    readonly starting: number;
  };
}

/** Everything one architecture's run needs. */
export interface ArchitectureRunContext {
  readonly scenario: Scenario;
  readonly starters: StackStarters;
  /** Aborted on Ctrl-C: stop the schedule, drain briefly, keep what was measured. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly onProgress: (p: ProgressSnapshot) => void;
  /** Seconds of the scenario already spent on earlier architectures (for progress). */
  readonly elapsedBeforeSeconds: number;
  /** Extra options for the async stack (broker kind, endpoint). */
  readonly asyncStackOptions?: Partial<AsyncStackOptions>;
  /** The run's CPU quotas: environments at their memory's share, sync workers at their task's vCPU. */
  readonly cpuQuotas: CpuQuotas;
  /** `--allow-remote`: the scenario's targets may leave loopback. */
  readonly allowRemote?: boolean;
}

/** One architecture's measurement, and the error that cut it short, if any. */
export type ArchitectureOutcome = ArchitectureEntry;
