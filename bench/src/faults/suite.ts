import {
  brokerKill,
  environmentKill,
  type FaultRunOptions,
  hangingRecord,
  poisonTenPercent,
  resultsQueueOutage,
} from "./async-faults.js";
import type { LedgerSummary } from "./ledger.js";
import { sigtermUnderLoad, workerKill } from "./sync-faults.js";

/** Every fault of the suite, in the order it runs (each on a fresh stack). */
export const FAULTS = Object.freeze([
  { name: "environment-kill", run: environmentKill },
  { name: "poison", run: poisonTenPercent },
  { name: "hanging-record", run: hangingRecord },
  { name: "results-queue-outage", run: resultsQueueOutage },
  { name: "broker-kill", run: brokerKill },
  { name: "worker-kill", run: workerKill },
  { name: "sigterm", run: sigtermUnderLoad },
] as const);

/** Runs the chosen faults one after another and returns their ledgers. */
export async function runFaultSuite(
  options: FaultRunOptions,
  only: readonly string[] = FAULTS.map((f) => f.name),
): Promise<LedgerSummary[]> {
  const rows: LedgerSummary[] = [];
  for (const fault of FAULTS) {
    if (!only.includes(fault.name)) continue;
    options.log(`fault ${fault.name}: running with ${options.jobs} jobs`);
    rows.push(await fault.run(options));
  }
  return rows;
}
