import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseDecimalFlag } from "@queueshift/shared-model";
import { SCHEDULE_LIMITS } from "../load/schedule-spec.js";
import {
  type ArchitectureChoice,
  type DeploymentTarget,
  DeploymentTargets,
} from "../scenario/scenario-types.js";
import { UsageError } from "./usage-error.js";

/** What the command line asks for. */
export interface CliOptions {
  readonly scenarios: readonly string[];
  readonly duration?: number;
  readonly rate?: number;
  readonly arch?: ArchitectureChoice;
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
  return {
    scenarios,
    ...(duration === undefined ? {} : { duration }),
    ...(rate === undefined ? {} : { rate }),
    ...(v.arch === undefined ? {} : { arch: v.arch as ArchitectureChoice }),
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
