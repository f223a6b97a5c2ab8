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
 * failed: an error cut the run short; interrupted: Ctrl-C; degraded: it ran to the end but lost
 * accepted jobs (no result, not in the DLQ), so its figures cannot back a recommendation.
 */
function runStatus(
  error: unknown,
  aborted: boolean,
  lost: ArchitectureOutcome["lost"],
): ResultDocument["outcome"]["status"] {
  if (error !== undefined) return "failed";
  if (aborted) return "interrupted";
  return lost !== undefined ? "degraded" : "completed";
}

function outcomeOf(
  status: ResultDocument["outcome"]["status"],
  error: unknown,
  lost: ArchitectureOutcome["lost"],
): ResultDocument["outcome"] {
  if (error !== undefined) return { status, message: errorText(error) };
  if (status === "interrupted") {
    return {
      status,
      message: "interrupted (SIGINT): the schedule stopped early, the drain was cut short",
    };
  }
  if (lost !== undefined) {
    return {
      status,
      message: `${lost.count} accepted jobs were lost: no result and not in the DLQ when the drain ended (first ids: ${lost.jobIds.slice(0, 10).join(", ")})`,
      lostJobIds: [...lost.jobIds],
    };
  }
  return { status };
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
  const lost = outcomes.find((x) => x.lost !== undefined)?.lost;
  const status = runStatus(error, o.signal.aborted, lost);
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
    outcome: outcomeOf(status, error, lost),
  };
  const written = await writeResult(o.resultsDir, document);
  return {
    written,
    document: { ...document, runId: written.runId },
    status,
    ...(error !== undefined ? { error } : {}),
  };
}
