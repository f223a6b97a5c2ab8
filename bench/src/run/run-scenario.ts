import type { ResultDocument } from "@queueshift/shared-model";
import { ResultDocumentOutput, type WrittenDocument } from "../output/result-document-output.js";
import { CpuQuotas } from "../process/cpu-quota.js";
import { loadDurationSeconds } from "../scenario/describe-scenario.js";
import type { Architecture, Scenario } from "../scenario/scenario-types.js";
import { machineInfo, packageVersions, toolVersion } from "./machine-info.js";
import { runAsyncArchitecture } from "./run-async.js";
import { runSyncArchitecture } from "./run-sync.js";
import type { ArchitectureRunContext, ProgressSnapshot, StackStarters } from "./run-types.js";
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
  /** The order to measure the scenario's designs in (default sync then async); repeats alternate it. */
  readonly order?: readonly Architecture[];
  /** Recorded in the result: where the stacks ran (the starters decide how). */
  readonly deployment?: ResultDocument["deployment"];
  /** Where the cgroup hierarchies are mounted (default /sys/fs/cgroup; tests point elsewhere). */
  readonly cgroupRoot?: string;
  /** `--allow-remote`: the scenario's targets may leave loopback. */
  readonly allowRemote?: boolean;
}

/** What a scenario run wrote. */
export type ScenarioRunResult = WrittenDocument;

function architecturesOf(s: Scenario, order?: readonly Architecture[]): Architecture[] {
  const all: Architecture[] = s.architectures === "both" ? ["sync", "async"] : [s.architectures];
  return order === undefined ? all : order.filter((a) => all.includes(a));
}

/**
 * Runs a scenario: each architecture in turn (never both at once, the machine is shared),
 * each result handed to the result document output, which writes one validated document.
 * Every stack is stopped whatever happens.
 */
export async function runScenario(o: RunScenarioOptions): Promise<ScenarioRunResult> {
  const cpuQuotas = CpuQuotas.open(o.cgroupRoot === undefined ? {} : { cgroupRoot: o.cgroupRoot });
  if (cpuQuotas.state.status === "not-applied") {
    o.log?.(
      `bench: CPU quotas not applied (${cpuQuotas.state.reason}); durations are measured at full core`,
    );
  }
  try {
    return await runArchitectures(o, cpuQuotas);
  } finally {
    cpuQuotas.close();
  }
}

async function runArchitectures(
  o: RunScenarioOptions,
  cpuQuotas: CpuQuotas,
): Promise<ScenarioRunResult> {
  const document = new ResultDocumentOutput({
    cpuShares: cpuQuotas.state,
    ...(o.deployment ? { deployment: o.deployment } : {}),
    resultsDir: o.resultsDir,
    scenario: o.scenario,
    tool: { name: "queueshift-bench", version: toolVersion() },
    machine: machineInfo(),
    versions: packageVersions(),
    signal: o.signal,
  });
  document.start();
  let elapsedBeforeSeconds = 0;
  let ran = 0;
  for (const arch of architecturesOf(o.scenario, o.order)) {
    if (o.signal.aborted && ran > 0) break;
    const ctx: ArchitectureRunContext = {
      scenario: o.scenario,
      starters: o.starters ?? realStarters,
      signal: o.signal,
      log: o.log ?? (() => {}),
      onProgress: o.onProgress ?? (() => {}),
      elapsedBeforeSeconds,
      cpuQuotas,
      ...(o.allowRemote ? { allowRemote: true } : {}),
      ...(o.asyncStackOptions ? { asyncStackOptions: o.asyncStackOptions } : {}),
    };
    const outcome =
      arch === "sync" ? await runSyncArchitecture(ctx) : await runAsyncArchitecture(ctx);
    document.add(outcome);
    ran += 1;
    if (outcome.error !== undefined) break;
    elapsedBeforeSeconds += o.scenario.warmup.duration + loadDurationSeconds(o.scenario.load);
  }
  return document.stop();
}
