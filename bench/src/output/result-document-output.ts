import {
  type ArchitectureResult,
  RESULT_SCHEMA_VERSION,
  type ResultDocument,
} from "@queueshift/shared-model";
import { describeScenario } from "../scenario/describe-scenario.js";
import type { Scenario } from "../scenario/scenario-types.js";
import type { Output } from "./output.js";
import { makeRunId, type WrittenResult, writeResult } from "./result-writer.js";

/** One architecture's measurement as the document receives it. */
export interface ArchitectureEntry {
  readonly result: ArchitectureResult;
  readonly error?: unknown;
  /** The broker the async side used (for the document's `broker`). */
  readonly broker?: { kind: string; reason: string; endpoint: string; version?: string };
  /** Accepted jobs found neither among the results nor in the DLQ (by id): the run is degraded. */
  readonly lost?: { readonly count: number; readonly jobIds: readonly string[] };
}

/** The run's identity: what the document says about where and with what it ran. */
export interface ResultDocumentMeta {
  readonly resultsDir: string;
  /** Whether durations were measured at AWS's CPU shares, or at full core and why. */
  readonly cpuShares: ResultDocument["cpuShares"];
  /** Processes or containers, and the images run (absent: processes). */
  readonly deployment?: ResultDocument["deployment"];
  readonly scenario: Scenario;
  readonly tool: ResultDocument["tool"];
  readonly machine: ResultDocument["machine"];
  readonly versions: ResultDocument["versions"];
  /** Abort = Ctrl-C: the document's status becomes "interrupted". */
  readonly signal: AbortSignal;
}

/** What `stop()` wrote. */
export interface WrittenDocument {
  readonly written: WrittenResult;
  readonly document: ResultDocument;
  readonly status: ResultDocument["outcome"]["status"];
  /** The first error that cut the run short, if any. */
  readonly error?: unknown;
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
  lost: ArchitectureEntry["lost"],
): ResultDocument["outcome"]["status"] {
  if (error !== undefined) return "failed";
  if (aborted) return "interrupted";
  return lost !== undefined ? "degraded" : "completed";
}

function outcomeOf(
  status: ResultDocument["outcome"]["status"],
  error: unknown,
  lost: ArchitectureEntry["lost"],
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
 * The result document as an output: `start` stamps the start time, `add` takes each
 * architecture's result as it ends (in memory, never blocking), `stop` assembles the
 * versioned document, validates it and writes it (see `writeResult`).
 */
export class ResultDocumentOutput implements Output<ArchitectureEntry, Promise<WrittenDocument>> {
  readonly #meta: ResultDocumentMeta;
  readonly #entries: ArchitectureEntry[] = [];
  #startedAt = new Date();

  constructor(meta: ResultDocumentMeta) {
    this.#meta = meta;
  }

  start(): void {
    this.#startedAt = new Date();
  }

  add(entry: ArchitectureEntry): void {
    this.#entries.push(entry);
  }

  async stop(): Promise<WrittenDocument> {
    const m = this.#meta;
    const error = this.#entries.find((x) => x.error !== undefined)?.error;
    const lost = this.#entries.find((x) => x.lost !== undefined)?.lost;
    const status = runStatus(error, m.signal.aborted, lost);
    const document: ResultDocument = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      runId: makeRunId(m.scenario.name, this.#startedAt),
      startedAt: this.#startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      tool: m.tool,
      scenario: {
        name: m.scenario.name,
        description: describeScenario(m.scenario),
        definition: m.scenario,
      },
      machine: m.machine,
      ...(m.cpuShares === undefined ? {} : { cpuShares: m.cpuShares }),
      ...(m.deployment === undefined ? {} : { deployment: m.deployment }),
      versions: m.versions,
      broker: this.#entries.find((x) => x.broker !== undefined)?.broker ?? null,
      architectures: this.#entries.map((x) => x.result),
      outcome: outcomeOf(status, error, lost),
    };
    const written = await writeResult(m.resultsDir, document);
    return {
      written,
      document: { ...document, runId: written.runId },
      status,
      ...(error !== undefined ? { error } : {}),
    };
  }
}
