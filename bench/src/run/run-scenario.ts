import { RESULT_SCHEMA_VERSION, type ResultDocument } from "@queueshift/shared-model";
import { describeScenario, loadDurationSeconds } from "../scenario/describe-scenario.js";
import type { Architecture, Scenario } from "../scenario/scenario-types.js";
import { machineInfo, packageVersions, toolVersion } from "./machine-info.js";
import { makeRunId, type WrittenResult, writeResult } from "./result-writer.js";
import { runAsyncArchitecture } from "./run-async.js";
import { runSyncArchitecture } from "./run-sync.js";
import type {
  ArchitectureOutcome,
  ArchitectureRunContext,
  ProgressSnapshot,
  StackStarters,
} from "./run-types.js";
import { realStarters } from "./stack-starters.js";

/** Options of `runScenario`. */
export interface RunScenarioOptions {
  readonly scenario: Scenario;
  /** Folder that receives `<run-id>/result.json` and `latest`. */
  readonly resultsDir: string;
  /** Abort = Ctrl-C: stop the schedule, drain briefly, write an "interrupted" result. */
  readonly signal: AbortSignal;
  readonly log?: (line: string) => void;
  readonly onProgress?: (p: ProgressSnapshot) => void;
  readonly starters?: StackStarters;
  readonly asyncStackOptions?: ArchitectureRunContext["asyncStackOptions"];
}

/** What a scenario run wrote. */
export interface ScenarioRunResult {
  readonly written: WrittenResult;
  readonly document: ResultDocument;
  readonly status: ResultDocument["outcome"]["status"];
  /** The first error that cut the run short, if any. */
  readonly error?: unknown;
}

function architecturesOf(s: Scenario): Architecture[] {
  return s.architectures === "both" ? ["sync", "async"] : [s.architectures];
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Runs a scenario: each architecture in turn (never both at once, the machine is shared),
 * then one validated result document. Every stack is stopped whatever happens.
 */
export async function runScenario(o: RunScenarioOptions): Promise<ScenarioRunResult> {
  const startedAt = new Date();
  const outcomes: ArchitectureOutcome[] = [];
  let elapsedBeforeSeconds = 0;
  for (const arch of architecturesOf(o.scenario)) {
    if (o.signal.aborted && outcomes.length > 0) break;
    const ctx: ArchitectureRunContext = {
      scenario: o.scenario,
      starters: o.starters ?? realStarters,
      signal: o.signal,
      log: o.log ?? (() => {}),
      onProgress: o.onProgress ?? (() => {}),
      elapsedBeforeSeconds,
      ...(o.asyncStackOptions ? { asyncStackOptions: o.asyncStackOptions } : {}),
    };
    const outcome =
      arch === "sync" ? await runSyncArchitecture(ctx) : await runAsyncArchitecture(ctx);
    outcomes.push(outcome);
    if (outcome.error !== undefined) break;
    elapsedBeforeSeconds += o.scenario.warmup.duration + loadDurationSeconds(o.scenario.load);
  }
  const error = outcomes.find((x) => x.error !== undefined)?.error;
  const status = error !== undefined ? "failed" : o.signal.aborted ? "interrupted" : "completed";
  const broker = outcomes.find((x) => x.broker !== undefined)?.broker ?? null;
  const document: ResultDocument = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: makeRunId(o.scenario.name, startedAt),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    tool: { name: "queueshift-bench", version: toolVersion() },
    scenario: {
      name: o.scenario.name,
      description: describeScenario(o.scenario),
      definition: o.scenario,
    },
    machine: machineInfo(),
    versions: packageVersions(),
    broker,
    architectures: outcomes.map((x) => x.result),
    outcome: {
      status,
      ...(error !== undefined
        ? { message: errorText(error) }
        : status === "interrupted"
          ? { message: "interrupted (SIGINT): the schedule stopped early, the drain was cut short" }
          : {}),
    },
  };
  const written = await writeResult(o.resultsDir, document);
  return {
    written,
    document: { ...document, runId: written.runId },
    status,
    ...(error !== undefined ? { error } : {}),
  };
}
