import { setTimeout as sleep } from "node:timers/promises";
import { type StartedSyncStack, startSyncStack } from "../stack/index.js";
import type { FaultRunOptions } from "./async-faults.js";
import { Ledger, type LedgerSummary } from "./ledger.js";

/** A request without an answer after this long counts as lost: the user heard nothing. */
const NO_ANSWER_MS = 10_000;

/** One request through the balancer; its ending goes in the ledger by request id. */
async function request(stack: StartedSyncStack, ledger: Ledger, id: string): Promise<void> {
  ledger.submit(id);
  try {
    const res = await fetch(stack.analyzeUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dataset: { kind: "synthetic", size: 2_000, seed: id.length } }),
      signal: AbortSignal.timeout(NO_ANSWER_MS),
    });
    const text = await res.text();
    if (res.ok) ledger.end(id, "succeeded");
    else {
      ledger.end(id, "failed");
      const code = (() => {
        try {
          return (JSON.parse(text) as { code?: string }).code ?? "";
        } catch {
          return "";
        }
      })();
      ledger.tell(`HTTP ${res.status} ${code}`.trim());
    }
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === "TimeoutError") return; // no answer at all: lost (left without an ending)
    ledger.end(id, "failed");
    ledger.tell(`connection error ${e.cause?.code ?? e.name}`);
  }
}

/** Sends `count` requests at `perSecond`, calling `during(i)` before each; waits for all answers. */
async function load(
  stack: StartedSyncStack,
  ledger: Ledger,
  count: number,
  perSecond: number,
  during: (i: number) => void | Promise<void>,
): Promise<void> {
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    await during(i);
    inFlight.push(request(stack, ledger, `req-${i}`));
    await sleep(1000 / perSecond);
  }
  await Promise.all(inFlight);
}

/** A worker SIGKILLed under load: requests it held fail fast (reset or 502), none hangs. */
export async function workerKill(options: FaultRunOptions): Promise<LedgerSummary> {
  const ledger = new Ledger("sync worker SIGKILL under load");
  const stack = await startSyncStack({ workers: 2, log: (l) => options.log(`worker kill: ${l}`) });
  try {
    await load(stack, ledger, options.jobs, 40, (i) => {
      if (i !== Math.floor(options.jobs / 2)) return;
      const worker = stack.processes().find((p) => p.component === "sync-worker");
      if (worker !== undefined) {
        process.kill(worker.pid, "SIGKILL");
        ledger.tell("worker killed; the primary replaces it");
      }
    });
    return ledger.summary();
  } finally {
    await stack.stop();
  }
}

/** SIGTERM to the service under load: in-flight requests are answered, later ones refused with a code. */
export async function sigtermUnderLoad(options: FaultRunOptions): Promise<LedgerSummary> {
  const ledger = new Ledger("sync SIGTERM under load");
  const stack = await startSyncStack({ workers: 2, log: (l) => options.log(`sigterm: ${l}`) });
  try {
    await load(stack, ledger, options.jobs, 40, (i) => {
      if (i !== Math.floor((options.jobs * 3) / 4)) return;
      const primary = stack.processes().find((p) => p.component === "sync-primary");
      if (primary !== undefined) {
        process.kill(primary.pid, "SIGTERM");
        ledger.tell("SIGTERM sent; the service drains");
      }
    });
    return ledger.summary();
  } finally {
    await stack.stop();
  }
}
