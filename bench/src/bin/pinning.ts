import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** How a benchmark splits the machine: the system under test on some cores, the load on the rest. */
export interface CorePlan {
  readonly pinned: boolean;
  /** Cores (taskset list, e.g. "0" or "0-2") for the system under test. */
  readonly serviceCores: string;
  readonly serviceCoreCount: number;
  /** The core for the load generator (this process). */
  readonly generatorCore: string;
  readonly note: string;
}

/** Gives the last core to the load generator and the rest to the service, when `taskset` exists. */
export function planCores(): CorePlan {
  const cores = availableParallelism();
  const hasTaskset = (() => {
    try {
      execFileSync("taskset", ["-V"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasTaskset || cores < 2) {
    return {
      pinned: false,
      serviceCores: "",
      serviceCoreCount: cores,
      generatorCore: "",
      note: `not pinned (${hasTaskset ? "1 core" : "no taskset"}): the generator shares the service's cores`,
    };
  }
  const serviceCoreCount = cores - 1;
  const serviceCores = serviceCoreCount === 1 ? "0" : `0-${serviceCoreCount - 1}`;
  const generatorCore = String(cores - 1);
  execFileSync("taskset", ["-p", "-c", generatorCore, String(process.pid)], { stdio: "ignore" });
  return {
    pinned: true,
    serviceCores,
    serviceCoreCount,
    generatorCore,
    note: `service on core(s) ${serviceCores}, load generator on core ${generatorCore}`,
  };
}

/** Prefixes a command with `taskset -c <cores>` when the plan pins. */
export function pinnedCommand(plan: CorePlan, cores: string, argv: string[]): [string, string[]] {
  return plan.pinned ? ["taskset", ["-c", cores, ...argv]] : [argv[0] as string, argv.slice(1)];
}
