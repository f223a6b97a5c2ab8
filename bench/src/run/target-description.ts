import { basename } from "node:path";
import type { Scenario } from "../scenario/scenario-types.js";
import { type AsyncFunctionTarget, frontDoorOf } from "../scenario/validate-async-target.js";

/**
 * What a design's result says it measured (`settings.target`), so reports name it: the
 * built-in core, a URL the harness did not start, or a command it started; and its runtime.
 */
export interface TargetDescription {
  readonly kind: "builtin" | "url" | "command" | "function" | "enqueue-url";
  /** One line for reports, e.g. "command `python -m uvicorn app:app` at http://... (uvicorn)". */
  readonly label: string;
  readonly runtime: string;
  readonly url?: string;
  readonly command?: readonly string[];
}

/** The sync design's target; `server` is the `server` header the target answered with. */
export function describeSyncTarget(
  scenario: Scenario,
  server: string | undefined,
): TargetDescription {
  const t = scenario.targets?.sync;
  if (t === undefined) {
    const runtime = `node ${process.version}`;
    return { kind: "builtin", label: `built-in core (Fastify sync service, ${runtime})`, runtime };
  }
  const at = `${t.method} ${t.url}`;
  if (t.start === undefined) {
    const runtime = server ?? "unknown (the service sent no server header)";
    return {
      kind: "url",
      label: `HTTP service at ${at} (not started by the harness; ${runtime})`,
      runtime,
      url: t.url,
    };
  }
  const program = basename(t.start.command[0] as string);
  const runtime = server === undefined ? program : `${server} (${program})`;
  return {
    kind: "command",
    label: `command \`${t.start.command.join(" ")}\` serving ${at} (${runtime})`,
    runtime,
    url: t.url,
    command: t.start.command,
  };
}

/** The async design's target: the built-in handler, or what `targets.async` names. */
export function describeAsyncTarget(scenario: Scenario): TargetDescription {
  const target = scenario.targets?.async;
  const consumer = describeFunction(target?.function);
  const door = frontDoorOf(target);
  if (door === undefined) return consumer;
  const command = door.start.command;
  return {
    kind: "enqueue-url",
    label: `the user's front door \`${command.join(" ")}\` at ${door.method} ${door.enqueueUrl} (job id: ${door.jobIdField}), consumed by the ${consumer.label}`,
    runtime: consumer.runtime,
    url: door.enqueueUrl,
    command,
  };
}

function describeFunction(f: AsyncFunctionTarget | undefined): TargetDescription {
  if (f === undefined || (f.runtime === "builtin" && f.handler === undefined)) {
    return {
      kind: "builtin",
      label: "built-in core (bundled Lambda handler, Node.js)",
      runtime: `node ${process.version}`,
    };
  }
  return {
    kind: "function",
    label: `function ${f.handler ?? "(command)"} in ${f.codeDir ?? "."} (${f.runtime})`,
    runtime: f.runtime,
  };
}
