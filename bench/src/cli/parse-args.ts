import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseDecimalFlag, parseIntegerSetting } from "@queueshift/shared-model";
import { SCHEDULE_LIMITS } from "../load/schedule-spec.js";
import {
  type ArchitectureChoice,
  type DeploymentTarget,
  DeploymentTargets,
} from "../scenario/scenario-types.js";
import { ASYNC_FIELD_RANGES } from "../scenario/validate-async.js";
import { FARGATE_VCPUS } from "../scenario/validate-scenario.js";
import { UsageError } from "./usage-error.js";

const [MEMORY_MIN_MB, MEMORY_MAX_MB] = ASYNC_FIELD_RANGES.memorySizeMB;

/** Repeats of the default suite (no scenario named, not --quick): A B then B A per scenario. */
export const DEFAULT_SUITE_REPEAT = 2;

/** Bounds of the multi-run flags (a run of the default suite is ~2 min per repeat). */
export const MULTI_RUN_LIMITS = Object.freeze({ maxRepeat: 20, maxSweepSizes: 12 });

/** What the command line asks for. */
export interface CliOptions {
  readonly scenarios: readonly string[];
  readonly duration?: number;
  readonly rate?: number;
  readonly arch?: ArchitectureChoice;
  /** Sync task vCPU (a Fargate size) for every selected scenario. */
  readonly taskVcpu?: number;
  /** Runs of each design per scenario, in alternating order (A B B A ...). */
  readonly repeat: number;
  /** Async-only runs at each memory size (MB), in the order given. */
  readonly memorySweep: readonly number[];
  /** Sync-only runs at each task vCPU, in the order given. */
  readonly taskSweep: readonly number[];
  /** Where the stacks run: processes (default) or containers of the project's images. */
  readonly target?: DeploymentTarget;
  readonly quick: boolean;
  readonly describe: boolean;
  readonly list: boolean;
  readonly resultsDir?: string;
  readonly report: boolean;
  readonly help: boolean;
  /** The scenario's targets may be non-loopback URLs. */
  readonly allowRemote: boolean;
}

const OPTIONS = {
  scenario: { type: "string", multiple: true },
  duration: { type: "string" },
  rate: { type: "string" },
  arch: { type: "string" },
  "task-vcpu": { type: "string" },
  repeat: { type: "string" },
  "memory-sweep": { type: "string" },
  "task-sweep": { type: "string" },
  target: { type: "string" },
  quick: { type: "boolean" },
  describe: { type: "boolean" },
  list: { type: "boolean" },
  "results-dir": { type: "string" },
  "no-report": { type: "boolean" },
  "allow-remote": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

// node:util's messages say "Unknown option '--x'"; ours name the flag the same way every time.
function parseError(err: unknown): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  const code = (err as { code?: string }).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return new UsageError(`${flag ?? "?"}: unknown flag`, flag, { cause: err });
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return new UsageError(`${flag ?? "?"}: ${message}`, flag, { cause: err });
  }
  return new UsageError(message, flag, { cause: err });
}

function fargateVcpu(flag: string, raw: string): number {
  const v = parseDecimalFlag(flag, raw, 0.25, 16) as number;
  if (!(FARGATE_VCPUS as readonly number[]).includes(v)) {
    throw new UsageError(
      `${flag}: must be a Fargate size (${FARGATE_VCPUS.join(", ")}), got ${raw}`,
      flag,
    );
  }
  return v;
}

// A comma list of sizes, each checked like a single flag value; duplicates would waste a run.
function sweepList(flag: string, raw: string | undefined, one: (item: string) => number): number[] {
  if (raw === undefined) return [];
  const items = raw.split(",").map((x) => x.trim());
  if (items.some((x) => x === "")) throw new UsageError(`${flag}: empty size in "${raw}"`, flag);
  if (items.length > MULTI_RUN_LIMITS.maxSweepSizes) {
    throw new UsageError(`${flag}: at most ${MULTI_RUN_LIMITS.maxSweepSizes} sizes`, flag);
  }
  const sizes = items.map(one);
  if (new Set(sizes).size !== sizes.length)
    throw new UsageError(`${flag}: a size is repeated`, flag);
  return sizes;
}

/** `--memory-sweep` (the async design's sizes) and `--task-sweep` (the sync design's vCPUs). */
function sweeps(
  memory: string | undefined,
  task: string | undefined,
  arch: string | undefined,
): { memorySweep: number[]; taskSweep: number[] } {
  const memorySweep = sweepList("--memory-sweep", memory, (x) =>
    Number(parseIntegerSetting("--memory-sweep", x, MEMORY_MIN_MB, MEMORY_MAX_MB)),
  );
  const taskSweep = sweepList("--task-sweep", task, (x) => fargateVcpu("--task-sweep", x));
  if (memory !== undefined && arch === "sync") {
    throw new UsageError(
      "--memory-sweep: sweeps the async design; not with --arch sync",
      "--memory-sweep",
    );
  }
  if (task !== undefined && arch === "async") {
    throw new UsageError(
      "--task-sweep: sweeps the sync design; not with --arch async",
      "--task-sweep",
    );
  }
  return { memorySweep, taskSweep };
}

/** Parses `bench` flags; throws `UsageError` or `SettingError` naming the offending flag. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[] }>>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw parseError(err);
  }
  const v = parsed.values;
  const scenarios = (v.scenario ?? []).flatMap((s) => s.split(",")).map((s) => s.trim());
  if (scenarios.some((s) => s === "")) {
    throw new UsageError("--scenario: empty scenario name", "--scenario");
  }
  if (v.arch !== undefined && !["sync", "async", "both"].includes(v.arch)) {
    throw new UsageError(`--arch: must be sync, async or both (got "${v.arch}")`, "--arch");
  }
  if (v.target !== undefined && !(DeploymentTargets as readonly string[]).includes(v.target)) {
    throw new UsageError(
      `--target: must be ${DeploymentTargets.join(" or ")} (got "${v.target}")`,
      "--target",
    );
  }
  // Plain decimals only (`12`, `2.5`): Number() would also take `0x10`, `1e3` and `0b1`.
  const duration = parseDecimalFlag("--duration", v.duration, 1, SCHEDULE_LIMITS.maxDuration);
  const rate = parseDecimalFlag("--rate", v.rate, Number.MIN_VALUE, SCHEDULE_LIMITS.maxRate);
  const taskVcpu =
    v["task-vcpu"] === undefined ? undefined : fargateVcpu("--task-vcpu", v["task-vcpu"]);
  const { memorySweep, taskSweep } = sweeps(v["memory-sweep"], v["task-sweep"], v.arch);
  if (v.repeat === "") throw new UsageError("--repeat: needs a value", "--repeat");
  // The default suite repeats so its verdict rests on two alternating runs of each scenario
  // (a spike on 2 cores sits near its objective: one run alone flipped the verdict).
  const defaultRepeat = scenarios.length === 0 && v.quick !== true ? DEFAULT_SUITE_REPEAT : 1;
  const repeat =
    parseIntegerSetting("--repeat", v.repeat, 1, MULTI_RUN_LIMITS.maxRepeat) ?? defaultRepeat;
  return {
    scenarios,
    ...(duration === undefined ? {} : { duration }),
    ...(rate === undefined ? {} : { rate }),
    ...(v.arch === undefined ? {} : { arch: v.arch as ArchitectureChoice }),
    ...(taskVcpu === undefined ? {} : { taskVcpu }),
    repeat,
    memorySweep,
    taskSweep,
    ...(v.target === undefined ? {} : { target: v.target as DeploymentTarget }),
    quick: v.quick ?? false,
    describe: v.describe ?? false,
    list: v.list ?? false,
    ...(v["results-dir"] === undefined ? {} : { resultsDir: resolve(v["results-dir"]) }),
    report: !(v["no-report"] ?? false),
    help: v.help ?? false,
    allowRemote: v["allow-remote"] ?? false,
  };
}
