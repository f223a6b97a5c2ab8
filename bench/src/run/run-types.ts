import type { ArchitectureResult } from "@queueshift/shared-model";
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
}

/** One architecture's measurement, and the error that cut it short, if any. */
export interface ArchitectureOutcome {
  readonly result: ArchitectureResult;
  readonly error?: unknown;
  /** The broker the async side used (for the document's `broker`). */
  readonly broker?: { kind: string; reason: string; endpoint: string; version?: string };
  /** Accepted jobs found neither among the results nor in the DLQ (by id): the run is degraded. */
  readonly lost?: { readonly count: number; readonly jobIds: readonly string[] };
}
