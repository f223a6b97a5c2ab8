import { LambdaPlatformError } from "./errors.js";
import type { FunctionConfig } from "./function-config.js";
import { buildReport, type InvocationResult } from "./invocation-report.js";
import type { InvocationOutcome } from "./runtime-api/runtime-api-types.js";

/** How one invocation ended: the runtime's answer, the platform's timeout, or the runtime's exit. */
export type Outcome = InvocationOutcome | { type: "timeout" } | { type: "crash"; reason: string };

/** What the environment knows of an invocation besides its outcome. */
export interface OutcomeContext {
  readonly requestId: string;
  readonly environmentId: string;
  /** Names the runtime in a crash message (`pid 1234`, `container ...`). */
  readonly runtimeLabel: string;
  readonly config: FunctionConfig;
  /** Event handed over -> outcome, for an outcome without the runtime's own duration. */
  readonly elapsedMs: number;
  /** Peak memory of the environment so far. */
  readonly maxRssKB: number;
  /** Present on the environment's first invocation. */
  readonly initDurationMs?: number;
}

/** The invocation's result and REPORT, as Lambda gives them for `outcome`. */
export function toInvocationResult(outcome: Outcome, c: OutcomeContext): InvocationResult {
  const answered = outcome.type === "response" || outcome.type === "error";
  const report = buildReport({
    requestId: c.requestId,
    environmentId: c.environmentId,
    durationMs: answered ? outcome.durationMs : c.elapsedMs,
    memorySizeMB: c.config.memorySizeMB,
    maxRssKB: c.maxRssKB,
    ...(c.initDurationMs === undefined ? {} : { initDurationMs: c.initDurationMs }),
  });
  const cpu = answered && outcome.cpuMs !== undefined ? { cpuMs: outcome.cpuMs } : {};
  if (outcome.type === "response") {
    return { ok: true, response: parseResponse(outcome.body), report, ...cpu };
  }
  return { ok: false, error: errorFor(outcome, c), report, ...cpu };
}

function errorFor(
  outcome: Exclude<Outcome, { type: "response" }>,
  c: OutcomeContext,
): LambdaPlatformError {
  if (outcome.type === "timeout") {
    const s = c.config.timeoutSeconds;
    return new LambdaPlatformError("QS_LAMBDA_TIMEOUT", `Task timed out after ${s} seconds`);
  }
  if (outcome.type === "crash") {
    const msg = `Environment ${c.environmentId} (${c.runtimeLabel}) exited mid-invocation: ${outcome.reason}`;
    return new LambdaPlatformError("QS_LAMBDA_ENVIRONMENT_CRASHED", msg);
  }
  const e = outcome.error;
  return new LambdaPlatformError("QS_LAMBDA_FUNCTION_ERROR", `${e.errorType}: ${e.errorMessage}`, {
    cause: e,
  });
}

/** Lambda hands the response on as JSON; a runtime may also post plain text. */
function parseResponse(body: string): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
