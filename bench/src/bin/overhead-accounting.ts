// bench:async-overhead's accounting: whose CPU a window spent (the harness process vs the
// environments' analyses) and how many SQS calls each job cost.
import { readProc } from "../process/proc-reader.js";
import type { StartedAsyncStack } from "../stack/index.js";

/** `x` rounded to `d` decimals, for printed figures. */
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** CPU seconds so far: this process (the harness: event source mapping, pool, collector) and the environments (the analyses). */
export function cpuNow(stack: StartedAsyncStack): {
  harness: number;
  environments: Map<number, number>;
} {
  const { user, system } = process.cpuUsage();
  const environments = new Map<number, number>();
  for (const e of stack.environments()) {
    const cpu = readProc(e.pid)?.cpuSeconds;
    if (cpu !== undefined) environments.set(e.pid, cpu);
  }
  return { harness: (user + system) / 1e6, environments };
}

/** Harness and analysis CPU between two readings; an environment born in between counts from 0. */
export function cpuSpent(
  a: ReturnType<typeof cpuNow>,
  b: ReturnType<typeof cpuNow>,
): { harness: number; analyses: number } {
  let analyses = 0;
  for (const [pid, cpu] of b.environments) analyses += cpu - (a.environments.get(pid) ?? 0);
  return { harness: b.harness - a.harness, analyses };
}

/** Receive and delete calls of the event source mapping and the result collector so far. */
export function sqsCalls(stack: StartedAsyncStack): Record<string, number> {
  const { queue, collector } = stack.counters();
  return {
    mappingReceives: queue.receives,
    mappingDeletes: queue.deleteCalls,
    collectorReceives: collector.receives,
    collectorDeletes: collector.deleteCalls,
  };
}

/** Calls per job in the window, by kind, and their total. */
export function callsPerJob(a: Record<string, number>, b: Record<string, number>, jobs: number) {
  const per = Object.fromEntries(
    Object.entries(b).map(([k, v]) => [k, round((v - (a[k] ?? 0)) / jobs, 3)]),
  );
  const total = Object.entries(b).reduce((sum, [k, v]) => sum + v - (a[k] ?? 0), 0) / jobs;
  return { per, total };
}
