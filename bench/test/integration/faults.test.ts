// The fault suite's scenarios with small counts, against the real stacks (ElasticMQ, the handler
// bundle in real environments, the real sync cluster): every job is reconciled by id, and nothing
// is lost unless the user was told by id. `npm run bench:faults` runs the same with more jobs.
import { describe, expect, it } from "vitest";
import {
  brokerKill,
  environmentKill,
  type FaultRunOptions,
  hangingRecord,
  type LedgerSummary,
  poisonTenPercent,
  resultsQueueOutage,
  sigtermUnderLoad,
  workerKill,
} from "../../src/faults/index.js";

const options: FaultRunOptions = { jobs: 30, settleSeconds: 40, log: () => {} };

function expectNothingLost(row: LedgerSummary): void {
  expect(row.lost, `lost ids: ${row.lostIds.join(", ")}`).toBe(0);
  expect(row.succeeded + row.failed + row.dlq).toBe(row.submitted);
}

describe("the fault suite (small counts)", () => {
  it("environment SIGKILL mid-batch: every job succeeds", async () => {
    const row = await environmentKill(options);
    expectNothingLost(row);
    expect(row.succeeded).toBe(row.submitted);
    expect(row.told.join(";")).toContain("environment killed");
  }, 90_000);

  it("10 % poison: exactly the poison jobs are in the DLQ, the rest succeed", async () => {
    const row = await poisonTenPercent(options);
    expectNothingLost(row);
    expect(row.dlq).toBe(3);
    expect(row.succeeded).toBe(27);
  }, 90_000);

  it("a hanging record: only it is dead-lettered, its neighbours succeed", async () => {
    const row = await hangingRecord(options);
    expectNothingLost(row);
    expect(row.dlq).toBe(1);
    expect(row.succeeded).toBe(29);
  }, 90_000);

  it("a results-queue outage: the records are retried and every result arrives", async () => {
    const row = await resultsQueueOutage(options);
    expectNothingLost(row);
    expect(row.succeeded).toBe(row.submitted);
  }, 90_000);

  it("the broker SIGKILLed and restarted: no accepted job is lost", async () => {
    const row = await brokerKill(options);
    expectNothingLost(row);
    expect(row.succeeded).toBe(row.submitted);
    expect(row.told.join(";")).toContain("broker restarted 1 time(s)");
  }, 120_000);

  it("a sync worker SIGKILLed under load: no request is left unanswered", async () => {
    const row = await workerKill(options);
    expectNothingLost(row);
    expect(row.succeeded).toBeGreaterThan(0);
  }, 90_000);

  it("SIGTERM under load: in-flight requests are answered, the rest are refused, none hangs", async () => {
    const row = await sigtermUnderLoad(options);
    expectNothingLost(row);
    expect(row.succeeded).toBeGreaterThan(0);
    // Every refusal during the drain carries the catalogue's code.
    const refusals = row.told.filter((t) => t.startsWith("HTTP 503"));
    expect(
      refusals.every((t) => t.startsWith("HTTP 503 QS_SHUTTING_DOWN")),
      refusals.join("; "),
    ).toBe(true);
  }, 90_000);
});
