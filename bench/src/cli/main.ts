import { ExitCodes, SettingError } from "@queueshift/shared-model";
import { stopAllContainers } from "../containers/container-kit.js";
import { ContainerError } from "../containers/errors.js";
import { prepareContainerTarget } from "../containers/prepare.js";
import type { StackStarters } from "../run/run-types.js";
import { describeScenario } from "../scenario/describe-scenario.js";
import { listShippedScenarios, loadScenario } from "../scenario/load-scenario.js";
import { applyOverrides, type ScenarioOverrides } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-errors.js";
import type { Scenario } from "../scenario/scenario-types.js";
import { remoteTargetIssues } from "../scenario/validate-targets.js";
import { HELP_TEXT } from "./help.js";
import { type CliOptions, parseCliArgs } from "./parse-args.js";
import type { ProgressStream } from "./progress-line.js";
import { runSuite } from "./run-suite.js";
import { UsageError } from "./usage-error.js";

/** The CLI's outside world (real streams in `bin/bench.ts`, buffers in tests). */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: ProgressStream;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  readonly starters?: StackStarters;
}

/** The suite `npm run bench` runs without flags: steady and spike, both architectures. */
export const DEFAULT_SUITE = Object.freeze(["steady", "spike"]);

/** What `--quick` does to explicitly chosen scenarios (seconds). */
const QUICK = Object.freeze({ duration: 8, warmupDuration: 2 });

async function selectScenarios(o: CliOptions): Promise<Scenario[]> {
  const refs = o.scenarios.length > 0 ? o.scenarios : o.quick ? ["quick"] : DEFAULT_SUITE;
  const cutQuick = o.quick && o.scenarios.length > 0;
  const overrides: ScenarioOverrides = {
    ...(cutQuick ? QUICK : {}),
    ...(o.duration === undefined ? {} : { duration: o.duration }),
    ...(o.rate === undefined ? {} : { rate: o.rate }),
    ...(o.arch === undefined ? {} : { architectures: o.arch }),
    ...(o.taskVcpu === undefined ? {} : { taskVcpu: o.taskVcpu }),
    ...(o.target === undefined ? {} : { target: o.target }),
  };
  const out: Scenario[] = [];
  for (const ref of refs) out.push(applyOverrides((await loadScenario(ref)).scenario, overrides));
  const remote = o.allowRemote ? [] : out.flatMap(remoteTargetIssues);
  if (remote.length > 0) {
    const list = remote.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new ScenarioError("QS_SCENARIO_INVALID", `scenario is invalid: ${list}`, {
      issues: remote,
    });
  }
  return out;
}

function scenarioErrorText(err: ScenarioError): string {
  const lines = err.issues.map((i) => `  ${i.path}: ${i.message}`);
  const head = lines.length > 0 ? err.message.split(":")[0] : err.message;
  return [`bench: ${head}`, ...lines].join("\n");
}

async function listAll(io: CliIo): Promise<void> {
  for (const name of await listShippedScenarios()) {
    io.stdout.write(`${describeScenario((await loadScenario(name)).scenario)}\n`);
  }
}

/** Runs `bench` with `argv` (no node/script prefix); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const o = parseCliArgs(argv);
    if (o.help) {
      io.stdout.write(HELP_TEXT);
      return ExitCodes.ok;
    }
    if (o.list) {
      await listAll(io);
      return ExitCodes.ok;
    }
    const scenarios = await selectScenarios(o);
    if (o.describe) {
      for (const s of scenarios) io.stdout.write(`${describeScenario(s)}\n`);
      return ExitCodes.ok;
    }
    // Before anything starts: a missing runtime or image is a usage error (exit 2).
    const containers = scenarios.some((s) => s.target === "containers")
      ? await prepareContainerTarget()
      : undefined;
    if (containers !== undefined) {
      const sizes = containers.deployment.images.map(
        (i) => `${i.name} ${(i.sizeBytes / 1e6).toFixed(0)} MB`,
      );
      io.stderr.write(`bench: containers via ${containers.runtime}: ${sizes.join(", ")}\n`);
    }
    try {
      return await runSuite(o, scenarios, io, containers);
    } finally {
      await stopAllContainers(); // whatever a failed or interrupted stack left running
    }
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof SettingError ||
      (err instanceof ContainerError && err.code !== "QS_CONTAINER_START_FAILED")
    ) {
      io.stderr.write(`bench: ${err.message}\nRun with --help for usage.\n`);
      return ExitCodes.usage;
    }
    if (err instanceof ScenarioError) {
      io.stderr.write(`${scenarioErrorText(err)}\n`);
      return ExitCodes.usage;
    }
    io.stderr.write(
      `bench: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return ExitCodes.failed;
  }
}
