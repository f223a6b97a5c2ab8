export {
  brokerKill,
  environmentKill,
  type FaultRunOptions,
  hangingRecord,
  jobEnvelope,
  poisonTenPercent,
  resultsQueueOutage,
  runAsyncFault,
} from "./async-faults.js";
export { type Ending, Ledger, type LedgerSummary, renderLedgers } from "./ledger.js";
export { FAULTS, runFaultSuite } from "./suite.js";
export { sigtermUnderLoad, workerKill } from "./sync-faults.js";
