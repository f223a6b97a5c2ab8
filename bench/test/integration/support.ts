import { setTimeout as sleep } from "node:timers/promises";
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll } from "vitest";
import type { PlatformSample, QueueMessage } from "../../src/lambda/index.js";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import {
  type AsyncStackOptions,
  type CollectedResult,
  type StartedAsyncStack,
  startAsyncStack,
} from "../../src/stack/index.js";

/**
 * An async stack for one test file: started before its tests (the scenario's async settings, the
 * broker chosen automatically, then `options`) and stopped after them, with its results by job id
 * and its platform samples.
 */
export function asyncStackForFile(options: Partial<AsyncStackOptions>) {
  let started: StartedAsyncStack | undefined;
  const fixture = {
    results: new Map<string, CollectedResult>(),
    samples: [] as PlatformSample[],
    get stack(): StartedAsyncStack {
      if (started === undefined) throw new Error("the stack is started in beforeAll");
      return started;
    },
  };
  beforeAll(async () => {
    started = await startAsyncStack({
      ...SCENARIO_DEFAULTS.async,
      brokerKind: "auto",
      ...options,
      onResult: (r) => fixture.results.set(r.jobId, r),
      onPlatformSample: (s) => fixture.samples.push(s),
    });
  });
  afterAll(async () => {
    await started?.stop();
  });
  return fixture;
}

/** POSTs JSON (or a raw string) and returns status and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Runs `tasks` with at most `limit` at once. */
export async function inParallel<T>(
  count: number,
  limit: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** Polls `check` until it is true or `timeoutMs` passes; returns whether it became true. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

/** A small analyze request whose work depends on `i` (so results differ per job). */
export const jobRequest = (i: number) => ({
  dataset: { kind: "synthetic", size: 50 + (i % 50), seed: i },
  analyses: ["descriptive", "conversion"],
});

/** Receives until `max` messages or three empty polls (bounded: at most max/10 + 3 polls of 1 s). */
export async function receiveAll(
  client: SQSClient,
  url: string,
  max: number,
): Promise<QueueMessage[]> {
  const out: QueueMessage[] = [];
  for (let empty = 0; out.length < max && empty < 3; ) {
    const res = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) empty += 1;
    for (const m of messages) {
      out.push({
        messageId: m.MessageId ?? "",
        receiptHandle: m.ReceiptHandle ?? "",
        body: m.Body ?? "",
        attributes: m.Attributes ?? {},
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? "",
      });
    }
  }
  return out;
}

/** Deletes received messages, 10 a call. */
export async function deleteAll(
  client: SQSClient,
  url: string,
  messages: readonly QueueMessage[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const entries = messages
      .slice(i, i + 10)
      .map((m, j) => ({ Id: String(j), ReceiptHandle: m.receiptHandle }));
    await client.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries }));
  }
}

/**
 * 1,000 inline customers with a channel and a campaign each: a ~118 KB job whose analysis is
 * ~340 KB (a conversion row per channel and campaign), over a 256 KiB queue limit.
 */
export function wideResultRequest(): { dataset: { kind: "inline"; customers: object[] } } {
  const customers = Array.from({ length: 1_000 }, (_, i) => ({
    id: `c${i}`,
    recencyDays: i % 365,
    frequency: 1 + (i % 20),
    monetary: 10 + (i % 500),
    channel: `channel-${i}`,
    campaign: `campaign-${i}`,
    converted: i % 7 === 0,
  }));
  return { dataset: { kind: "inline", customers } };
}

/**
 * Waits (bounded) until the jobs queue holds nothing visible or in flight. A result is published
 * before its batch returns and is deleted, so the last batch may be in flight for a moment after
 * its results arrived.
 */
export function queueEmptied(
  stack: { queueDepth(): Promise<{ visible: number; inFlight: number }> },
  timeoutMs = 10_000,
): Promise<boolean> {
  return eventually(
    async () => {
      const d = await stack.queueDepth();
      return d.visible === 0 && d.inFlight === 0;
    },
    timeoutMs,
    100,
  );
}
