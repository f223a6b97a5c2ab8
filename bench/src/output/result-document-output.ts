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
}

/** The run's identity: what the document says about where and with what it ran. */
export interface ResultDocumentMeta {
  readonly resultsDir: string;
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
    const status = error !== undefined ? "failed" : m.signal.aborted ? "interrupted" : "completed";
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
      versions: m.versions,
      broker: this.#entries.find((x) => x.broker !== undefined)?.broker ?? null,
      architectures: this.#entries.map((x) => x.result),
      outcome: {
        status,
        ...(error !== undefined
          ? { message: errorText(error) }
          : status === "interrupted"
            ? {
                message:
                  "interrupted (SIGINT): the schedule stopped early, the drain was cut short",
              }
            : {}),
      },
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
