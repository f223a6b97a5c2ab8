import { setTimeout as sleep } from "node:timers/promises";
import { SCENARIO_DEFAULTS } from "../scenario/scenario-types.js";
import { type AsyncStackOptions, type StartedAsyncStack, startAsyncStack } from "../stack/index.js";
import { Ledger, type LedgerSummary } from "./ledger.js";

/** How big a fault scenario is and where it may log. */
export interface FaultRunOptions {
  /** Valid jobs per scenario (the integration tests use fewer than the benchmark). */
  readonly jobs: number;
  /** Seconds to wait for every job to end after the last submission. */
  readonly settleSeconds: number;
  readonly log: (line: string) => void;
}

/** Settings that make retries quick enough for a bounded run: visibility 3 s, 3 receives. */
const FAULT_SETTINGS = Object.freeze({
  ...SCENARIO_DEFAULTS.async,
  functionTimeoutSeconds: 2,
  visibilityTimeoutSeconds: 3, // > the timeout; below AWS's 6x advice on purpose (quick retries)
  maxReceiveCount: 3,
  maxConcurrency: 2,
});

/** A job envelope put on the queue directly (the API never sets faults). */
export function jobEnvelope(jobId: string, fault?: object): string {
  return JSON.stringify({
    v: 1,
    jobId,
    submittedAt: Date.now(),
    request: { dataset: { kind: "synthetic", size: 200, seed: jobId.length } },
    ...(fault ? { fault } : {}),
  });
}

/** A poison body that still names its job id, so the DLQ can be reconciled by id. */
function poisonEnvelope(jobId: string): string {
  return JSON.stringify({ v: 1, jobId, submittedAt: Date.now(), request: { dataset: {} } });
}

interface AsyncFaultContext {
  readonly stack: StartedAsyncStack;
  readonly ledger: Ledger;
  readonly options: FaultRunOptions;
  /** Jobs through the enqueue API: ids from 202 bodies, anything else is told. */
  submitViaApi(count: number, perSecond: number): Promise<void>;
}

/** Runs one async fault: a fresh stack, the fault, then reconciliation of results and DLQ by id. */
export async function runAsyncFault(
  name: string,
  options: FaultRunOptions,
  fault: (ctx: AsyncFaultContext) => Promise<void>,
  settings: Partial<typeof FAULT_SETTINGS> & Pick<AsyncStackOptions, "brokerKind"> = {},
): Promise<LedgerSummary> {
  const ledger = new Ledger(name);
  const stack = await startAsyncStack({
    ...FAULT_SETTINGS,
    ...settings,
    log: (l) => options.log(`${name}: ${l}`),
    onResult: (r) => {
      if (r.result.status === "failed") {
        ledger.end(r.jobId, "failed");
        ledger.tell(`failed result ${r.result.error?.code ?? "?"} (by id)`);
      } else ledger.end(r.jobId, "succeeded");
    },
  });
  try {
    const submitViaApi = async (count: number, perSecond: number) => {
      for (let i = 0; i < count; i++) {
        const res = await fetch(stack.enqueueUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ dataset: { kind: "synthetic", size: 100 + (i % 50), seed: i } }),
        }).catch((err: unknown) => err as Error);
        if (res instanceof Error) ledger.tell(`submit failed: ${res.message}`);
        else if (res.status === 202)
          ledger.submit(String(((await res.json()) as { jobId: string }).jobId));
        else
          ledger.tell(
            `HTTP ${res.status} ${((await res.json()) as { code?: string }).code ?? ""}`.trim(),
          );
        await sleep(1000 / perSecond);
      }
    };
    await fault({ stack, ledger, options, submitViaApi });
    await settle(stack, ledger, options.settleSeconds);
    return ledger.summary();
  } finally {
    await stack.stop();
  }
}

/** Waits until every submitted job has ended (result or DLQ) or the time is up, then reads the DLQ by id. */
async function settle(stack: StartedAsyncStack, ledger: Ledger, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const s = ledger.summary();
    const depth = await stack.queueDepth().catch(() => undefined);
    if (s.lost <= (depth?.dlq ?? 0) && depth?.visible === 0 && depth.inFlight === 0) break;
    await sleep(250);
  }
  for (const id of await stack.dlqJobIds()) ledger.end(id, "dlq");
  if (ledger.summary().dlq > 0) ledger.tell("dead-lettered jobs readable in the DLQ by id");
}

/** An environment SIGKILLed in the middle of a batch: its batch comes back after the visibility timeout. */
export function environmentKill(options: FaultRunOptions): Promise<LedgerSummary> {
  return runAsyncFault("environment SIGKILL mid-batch", options, async (ctx) => {
    const submitting = ctx.submitViaApi(options.jobs, 40);
    for (let i = 0; i < 200; i++) {
      const busy = ctx.stack.environments().find((e) => e.state === "busy");
      if (busy !== undefined && ctx.ledger.summary().submitted > options.jobs / 4) {
        process.kill(busy.pid, "SIGKILL");
        ctx.ledger.tell("environment killed; its batch redelivered after the visibility timeout");
        break;
      }
      await sleep(20);
    }
    await submitting;
  });
}

/** 10 % poison records: exactly those reach the DLQ after maxReceiveCount. */
export function poisonTenPercent(options: FaultRunOptions): Promise<LedgerSummary> {
  return runAsyncFault("poison 10 %", options, async (ctx) => {
    const poison = Math.max(1, Math.round(options.jobs / 10));
    for (let i = 0; i < poison; i++) {
      const id = `poison-${i}`;
      ctx.ledger.submit(id);
      await ctx.stack.sendRaw(poisonEnvelope(id));
    }
    await ctx.submitViaApi(options.jobs - poison, 50);
  });
}

/** A record that hangs past the function timeout, sharing batches with valid ones. */
export function hangingRecord(options: FaultRunOptions): Promise<LedgerSummary> {
  return runAsyncFault("a hanging record", options, async (ctx) => {
    const send = async (id: string, fault?: object) => {
      ctx.ledger.submit(id);
      await ctx.stack.sendRaw(jobEnvelope(id, fault));
    };
    await send("hanging-0", { kind: "sleep", ms: 600_000 });
    for (let i = 0; i < options.jobs - 1; i++) await send(`valid-${i}`);
  });
}

/**
 * The results queue deleted for a few seconds, then recreated under the same name: publishes fail
 * meanwhile, the records are retried by redelivery, and the results arrive once it is back.
 */
export function resultsQueueOutage(options: FaultRunOptions): Promise<LedgerSummary> {
  return runAsyncFault("results-queue outage (4 s)", options, async (ctx) => {
    const sqs = await ctx.stack.broker.sqs();
    const url = ctx.stack.queueUrls.results;
    const name = url.slice(url.lastIndexOf("/") + 1);
    const attrs = await sqs.getQueueAttributes(url, ["All"]);
    const keep = Object.fromEntries(
      Object.entries(attrs).filter(([k]) =>
        ["MaximumMessageSize", "MessageRetentionPeriod", "VisibilityTimeout"].includes(k),
      ),
    );
    const submitting = ctx.submitViaApi(options.jobs, 40);
    await sleep(1_000);
    // Deleting a queue destroys what it holds, which an outage does not: pause the environments
    // (no result can be published meanwhile), let the collector empty the queue, delete it, and
    // resume them into the outage, so only publishes fail.
    const paused = ctx.stack.environments().map((e) => e.pid);
    for (const pid of paused) process.kill(pid, "SIGSTOP");
    try {
      for (let i = 0; i < 100; i++) {
        const a = await sqs.getQueueAttributes(url, [
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
        ]);
        if (
          Number(a.ApproximateNumberOfMessages ?? 0) +
            Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) ===
          0
        )
          break;
        await sleep(100);
      }
      await sqs.deleteQueue(url);
    } finally {
      for (const pid of paused) process.kill(pid, "SIGCONT");
    }
    ctx.ledger.tell("results queue deleted for 4 s");
    await sleep(4_000);
    await sqs.createQueue(name, keep);
    await submitting;
  });
}

/**
 * The broker SIGKILLed mid-run: the supervisor restarts it on the same port with its H2 file, so
 * every accepted job still ends; submissions during the restart get 503 with a code (told).
 */
export function brokerKill(options: FaultRunOptions): Promise<LedgerSummary> {
  return runAsyncFault(
    "broker SIGKILL + restart",
    options,
    async (ctx) => {
      const submitting = ctx.submitViaApi(options.jobs, 30);
      while (ctx.ledger.summary().submitted < options.jobs / 3) await sleep(20);
      const pid = ctx.stack.broker.pid;
      if (pid !== undefined) {
        process.kill(pid, "SIGKILL");
        ctx.ledger.tell("broker SIGKILLed; the supervisor restarts it");
      }
      await submitting;
      // The restart takes a JVM start: wait for it (bounded) so the ledger can say it happened.
      for (let i = 0; i < 300 && ctx.stack.broker.restarts === 0; i++) await sleep(100);
      ctx.ledger.tell(`broker restarted ${ctx.stack.broker.restarts} time(s)`);
    },
    { brokerKind: "jvm" },
  );
}
