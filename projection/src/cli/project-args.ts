import type { TrafficShape } from "@queueshift/shared-model";
import { ASYNC_PARAM_DEFAULTS, type AsyncParams } from "../async/async-params.js";
import { Issues } from "../engine/projection-error.js";
import { SYNC_PARAM_DEFAULTS, type SyncParams } from "../sync/sync-params.js";

/** The command line of `npm run project`, parsed (files not read yet). */
export interface ProjectArgs {
  readonly help: boolean;
  readonly run: string | null;
  readonly volume: number | null;
  readonly shape: TrafficShape | null;
  readonly rateFile: string | null;
  readonly bursts: readonly string[];
  readonly paramsFile: string | null;
  readonly out: string | null;
  readonly window: number | undefined;
  readonly windowStart: number | undefined;
  readonly warmup: number | undefined;
  readonly interval: number | undefined;
  readonly seed: number | undefined;
  readonly designs: "both" | "sync" | "async" | undefined;
  readonly sync: Partial<SyncParams>;
  readonly async: Partial<AsyncParams>;
}

/** `npm run project -- --help`. */
export const PROJECT_USAGE = `Usage: npm run project -- <run-dir | result.json> (--volume <requests/month> --shape <steady|diurnal|spiky> | --rate-file <minute,rate csv>) [options]

Simulates both designs at your traffic, calibrated from a measured run, and writes projection.json beside the run.

Traffic
  --volume <n>             requests per month (with --shape)
  --shape <shape>          steady, diurnal or spiky (the cost model's shapes)
  --rate-file <csv>        per-minute rates: lines "minute,rate" (requests per second, minutes 0,1,2,...)
  --burst "<k>x for <n> min at [day <d> ]HH:MM"   repeatable; multiplies the rate (adds requests)
Window
  --window <minutes>       simulated window (default 180: the busiest three hours, with the largest burst)
  --window-start <minute>  first minute of the window in the month (default: chosen as above)
  --warmup <minutes>       simulated before the window, not measured (default 15)
  --interval <seconds>     time-series interval (default 60)
  --seed <n>               seed of every random draw (default 1)
  --designs <both|sync|async>
Parameters (README "Parameters" lists every one with its default and source)
  --sync.<name> <value>    e.g. --sync.vcpu 2 --sync.memoryGb 4 --sync.metricPeriodSeconds 20
  --async.<name> <value>   e.g. --async.memoryMb 1024 --async.mode provisioned --async.maximumConcurrency 50
  --params <file.json>     {"sync": {...}, "async": {...}}; command-line values win
Output
  --out <file>             default: projection.json beside the run

Exit codes: 0 written, 1 unexpected failure, 2 bad input (the message names the field).`;

const VALUE_FLAGS = [
  "--volume",
  "--shape",
  "--rate-file",
  "--burst",
  "--params",
  "--out",
  "--window",
  "--window-start",
  "--warmup",
  "--interval",
  "--seed",
  "--designs",
];

/** Parses a parameter value: numbers, true/false, null (= derived) or a bare word. */
export function parseValue(text: string): number | boolean | string | null {
  if (text === "true" || text === "false") return text === "true";
  if (text === "null" || text === "derived") return null;
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
}

/** Sets a design parameter after checking its name and type against the defaults. */
export function setParam(
  target: Record<string, unknown>,
  defaults: object,
  path: string,
  value: unknown,
  issues: Issues,
): void {
  const name = path.slice(path.lastIndexOf(".") + 1);
  if (!Object.hasOwn(defaults, name)) {
    issues.check(false, path, `unknown parameter; known: ${Object.keys(defaults).join(", ")}`);
    return;
  }
  const d = (defaults as Record<string, unknown>)[name];
  // Parameters whose default is null ("derived" or "unset") take a number or null.
  const fine = d === null ? value === null || typeof value === "number" : typeof value === typeof d;
  issues.check(
    fine,
    path,
    `must be a ${d === null ? "number or null" : typeof d}, got ${JSON.stringify(value)}`,
  );
  if (fine) target[name] = value;
}

function numberArg(issues: Issues, flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  issues.check(
    text.trim() !== "" && Number.isFinite(n),
    flag.replace(/^--/, ""),
    `must be a number, got "${text}"`,
  );
  return n;
}

/** Parses argv (after `--`); throws ProjectionError naming each bad flag. */
export function parseProjectArgs(argv: readonly string[]): ProjectArgs {
  const issues = new Issues();
  const values = new Map<string, string>();
  const bursts: string[] = [];
  const sync: Record<string, unknown> = {};
  const async: Record<string, unknown> = {};
  const positional: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--help" || a === "-h") help = true;
    else if (a.startsWith("--sync.") || a.startsWith("--async.") || VALUE_FLAGS.includes(a)) {
      const v = argv[++i];
      if (v === undefined) {
        issues.check(false, a.replace(/^--/, ""), "needs a value");
        continue;
      }
      if (a === "--burst") bursts.push(v);
      else if (a.startsWith("--sync."))
        setParam(sync, SYNC_PARAM_DEFAULTS, a.slice(2), parseValue(v), issues);
      else if (a.startsWith("--async."))
        setParam(async, ASYNC_PARAM_DEFAULTS, a.slice(2), parseValue(v), issues);
      else values.set(a, v);
    } else if (a.startsWith("-")) issues.check(false, a, "unknown option (see --help)");
    else positional.push(a);
  }
  issues.check(positional.length <= 1, "run", `one run expected, got ${positional.length}`);
  if (!help) checkTraffic(issues, positional, values);
  const designs = values.get("--designs");
  issues.check(
    designs === undefined || ["both", "sync", "async"].includes(designs),
    "designs",
    "must be both, sync or async",
  );
  const args: ProjectArgs = {
    help,
    run: positional[0] ?? null,
    volume: numberArg(issues, "--volume", values.get("--volume")) ?? null,
    shape: (values.get("--shape") as TrafficShape | undefined) ?? null,
    rateFile: values.get("--rate-file") ?? null,
    bursts,
    paramsFile: values.get("--params") ?? null,
    out: values.get("--out") ?? null,
    window: numberArg(issues, "--window", values.get("--window")),
    windowStart: numberArg(issues, "--window-start", values.get("--window-start")),
    warmup: numberArg(issues, "--warmup", values.get("--warmup")),
    interval: numberArg(issues, "--interval", values.get("--interval")),
    seed: numberArg(issues, "--seed", values.get("--seed")),
    designs: designs as ProjectArgs["designs"],
    sync: sync as Partial<SyncParams>,
    async: async as Partial<AsyncParams>,
  };
  issues.throwIfAny();
  return args;
}

function checkTraffic(issues: Issues, positional: string[], values: Map<string, string>): void {
  issues.check(positional.length === 1, "run", "give the run directory or its result.json");
  const shape = values.has("--shape") || values.has("--volume");
  const file = values.has("--rate-file");
  issues.check(shape !== file, "traffic", "give either --volume with --shape, or --rate-file");
  if (shape) {
    issues.check(values.has("--volume"), "volume", "is required with --shape");
    issues.check(values.has("--shape"), "shape", "is required with --volume");
    const shapeText = values.get("--shape");
    issues.check(
      shapeText === undefined || ["steady", "diurnal", "spiky"].includes(shapeText),
      "shape",
      `must be steady, diurnal or spiky, got "${shapeText}"`,
    );
    const v = Number(values.get("--volume"));
    issues.check(
      !values.has("--volume") || (Number.isFinite(v) && v >= 0),
      "volume",
      `must be a number of requests per month >= 0, got "${values.get("--volume")}"`,
    );
  }
}
