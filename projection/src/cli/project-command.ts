import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { assertResultDocument, type ResultDocument } from "@queueshift/shared-model";
import { ASYNC_PARAM_DEFAULTS } from "../async/async-params.js";
import { Issues, ProjectionError, ProjectionErrorCodes } from "../engine/projection-error.js";
import { project } from "../project.js";
import { SYNC_PARAM_DEFAULTS } from "../sync/sync-params.js";
import { parseBurst } from "../traffic/bursts.js";
import { parseRateFile } from "../traffic/rate-file.js";
import type { TrafficSource } from "../traffic/traffic-input.js";
import { PROJECT_USAGE, type ProjectArgs, parseProjectArgs, setParam } from "./project-args.js";
import { summaryLines } from "./summary.js";

/** Where the command writes text; the bin passes process streams, tests pass buffers. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function fail(
  path: string,
  message: string,
  code: string = ProjectionErrorCodes.invalidInput,
): never {
  throw new ProjectionError(code, [{ path, message }]);
}

/** Reads and validates a run (a directory holding result.json, or the file); QS_PROJECTION_* errors name `run`. */
export function readRun(location: string): { doc: ResultDocument; file: string } {
  if (!existsSync(location)) fail("run", `${location} does not exist`);
  const file = statSync(location).isDirectory() ? join(location, "result.json") : location;
  if (!existsSync(file)) fail("run", `${file} does not exist (a run directory holds result.json)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    fail(
      "run",
      `${file} is not JSON: ${(cause as Error).message}`,
      ProjectionErrorCodes.invalidRun,
    );
  }
  try {
    return { doc: assertResultDocument(parsed), file };
  } catch (cause) {
    fail("run", `${file}: ${(cause as Error).message}`, ProjectionErrorCodes.invalidRun);
  }
}

function readJson(path: string, field: string): unknown {
  if (!existsSync(path)) fail(field, `${path} does not exist`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    fail(field, `${path} is not JSON: ${(cause as Error).message}`);
  }
}

// File parameters first, command-line ones on top (configuration flows one way).
function mergedParams(args: ProjectArgs) {
  const sync: Record<string, unknown> = {};
  const async: Record<string, unknown> = {};
  if (args.paramsFile !== null) {
    const file = readJson(args.paramsFile, "params") as { sync?: object; async?: object } | null;
    const issues = new Issues();
    issues.check(
      typeof file === "object" && file !== null && !Array.isArray(file),
      "params",
      "must be an object {sync, async}",
    );
    for (const key of Object.keys(file ?? {}))
      issues.check(
        key === "sync" || key === "async",
        `params.${key}`,
        "unknown section (sync or async)",
      );
    for (const [k, v] of Object.entries(file?.sync ?? {}))
      setParam(sync, SYNC_PARAM_DEFAULTS, `params.sync.${k}`, v, issues);
    for (const [k, v] of Object.entries(file?.async ?? {}))
      setParam(async, ASYNC_PARAM_DEFAULTS, `params.async.${k}`, v, issues);
    issues.throwIfAny();
  }
  return { sync: { ...sync, ...args.sync }, async: { ...async, ...args.async } };
}

function traffic(args: ProjectArgs): TrafficSource {
  if (args.rateFile !== null) {
    if (!existsSync(args.rateFile)) fail("rate-file", `${args.rateFile} does not exist`);
    return {
      kind: "rates",
      minuteRates: parseRateFile(readFileSync(args.rateFile, "utf8")),
      name: `rate file ${args.rateFile}`,
    };
  }
  return { kind: "shape", shape: args.shape ?? "steady", monthlyRequests: args.volume ?? 0 };
}

/** Runs `project` and returns its exit code (0 written, 1 failed, 2 bad input). */
export function runProjectCommand(argv: readonly string[], io: CommandIo): number {
  try {
    const args = parseProjectArgs(argv);
    if (args.help) {
      io.out(`${PROJECT_USAGE}\n`);
      return 0;
    }
    const { doc, file } = readRun(args.run as string);
    const params = mergedParams(args);
    const started = performance.now();
    const result = project(
      {
        run: doc,
        traffic: traffic(args),
        bursts: args.bursts.map((b, i) => parseBurst(b, `burst[${i}]`)),
        windowMinutes: args.window,
        windowStartMinute: args.windowStart,
        warmupMinutes: args.warmup,
        intervalSeconds: args.interval,
        seed: args.seed,
        designs: args.designs,
        ...params,
      },
      (m) => io.err(`project: ${m} (${((performance.now() - started) / 1_000).toFixed(1)} s)\n`),
    );
    const out = args.out ?? join(dirname(file), "projection.json");
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    for (const line of summaryLines(result)) io.out(`${line}\n`);
    io.out(`${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ProjectionError) {
      io.err(`project: ${e.code}: ${e.message}\n`);
      return 2;
    }
    io.err(`project: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
