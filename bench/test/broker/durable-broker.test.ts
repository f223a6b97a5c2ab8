import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrokerEvent,
  type BrokerOptions,
  type StartedBroker,
  startBroker,
} from "../../src/broker/index.js";

const VISIBILITY_S = 3;
const QUEUES = [{ name: "durable", visibilityTimeoutSeconds: VISIBILITY_S }];

/** Resolves with the next supervisor event, or rejects after `ms` (a restart takes ~3-6 s). */
function nextEvent(events: BrokerEvent[], ms: number): Promise<BrokerEvent> {
  const seen = events.length;
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = setInterval(() => {
      const event = events[seen];
      if (event !== undefined || Date.now() > deadline) clearInterval(poll);
      if (event !== undefined) resolve(event);
      else if (Date.now() > deadline) reject(new Error(`no broker event within ${ms} ms`));
    }, 50);
  });
}

/** A JVM broker whose supervisor events and log lines land in the given arrays. */
function startWatched(
  events: BrokerEvent[],
  logLines: string[],
  extra: Partial<BrokerOptions> = {},
): Promise<StartedBroker> {
  return startBroker({
    kind: "jvm",
    queues: QUEUES,
    jvmTuning: "startup",
    log: (l) => logLines.push(l),
    onEvent: (e) => events.push(e),
    ...extra,
  });
}

function killBroker(broker: StartedBroker): number {
  const pid = broker.pid;
  if (pid === undefined) throw new Error("the broker has no pid");
  process.kill(pid, "SIGKILL");
  return pid;
}

async function sendIds(sqs: SQSClient, QueueUrl: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 10) {
    const Entries = ids.slice(i, i + 10).map((id) => ({ Id: id, MessageBody: id }));
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    expect(out.Failed ?? []).toEqual([]);
  }
}

/** Receives and deletes until every id came back, in at most `maxPolls` 1-s long polls. */
async function receiveAll(sqs: SQSClient, QueueUrl: string, ids: string[], maxPolls: number) {
  const got = new Set<string>();
  for (let poll = 0; poll < maxPolls && got.size < ids.length; poll++) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const m of out.Messages ?? []) {
      got.add(m.Body ?? "");
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return got;
}

describe("ElasticMQ with H2 storage, SIGKILLed and restarted by its supervisor", () => {
  const events: BrokerEvent[] = [];
  const logLines: string[] = [];
  let broker: StartedBroker;

  beforeAll(async () => {
    broker = await startWatched(events, logLines);
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it("keeps its H2 file in a private temp folder", () => {
    // Assess
    const file = broker.storage?.file ?? "";
    expect(broker.storage?.kind).toBe("h2");
    expect(file.startsWith(join(tmpdir(), "queueshift-elasticmq-"))).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  it("round-trips a 900 KiB message byte for byte (strict limits allow 1 MiB)", async () => {
    // Prepare
    const sqs = broker.sqsClient();
    const QueueUrl = broker.queueUrl("durable");
    const body = Array.from({ length: 900 * 1024 }, (_, i) =>
      String.fromCharCode(33 + ((i * 7919) % 94)),
    ).join("");

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    const message = got.Messages?.[0];
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }));
    const tooLarge = sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: "x".repeat(1_048_577) }),
    );

    // Assess
    expect(Buffer.from(message?.Body ?? "").equals(Buffer.from(body))).toBe(true);
    await expect(tooLarge).rejects.toThrow();
  });

  it("loses no accepted message, in flight or not, and says it restarted", async () => {
    // Prepare
    const sqs = broker.sqsClient();
    const QueueUrl = broker.queueUrl("durable");
    const ids = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    await sendIds(sqs, QueueUrl, ids);
    const inFlight = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    const endpoint = broker.endpoint;

    // Act
    const restarted = nextEvent(events, 60_000);
    const deadPid = killBroker(broker);
    const event = await restarted;
    const after = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }),
    );
    const got = await receiveAll(sqs, QueueUrl, ids, 30);

    // Assess
    expect(inFlight.Messages?.length).toBe(10);
    expect(event).toMatchObject({ type: "restarted", restarts: 1 });
    expect(broker.restarts).toBe(1);
    expect(broker.describe().restarts).toBe(1);
    expect(broker.pid).not.toBe(deadPid);
    expect(broker.endpoint).toBe(endpoint);
    expect(broker.failure()).toBeUndefined();
    expect(logLines.some((l) => /died \(SIGKILL\)/.test(l))).toBe(true);
    expect(logLines.some((l) => /restarted .*restored from/.test(l))).toBe(true);
    expect(
      Number(after.Attributes?.ApproximateNumberOfMessages) +
        Number(after.Attributes?.ApproximateNumberOfMessagesNotVisible),
    ).toBe(60);
    expect([...got].sort()).toEqual([...ids].sort());
  });

  it("removes its temp folder, H2 file included, on stop", async () => {
    // Prepare
    const folder = dirname(broker.storage?.file ?? "");

    // Act
    await broker.stop();

    // Assess
    expect(existsSync(folder)).toBe(false);
  });
});

describe("the restart supervisor's bound, with memory storage", () => {
  const events: BrokerEvent[] = [];
  const logLines: string[] = [];
  let broker: StartedBroker;

  beforeAll(async () => {
    broker = await startWatched(events, logLines, {
      storage: "memory",
      restart: { maxRestarts: 1, windowMs: 60_000 },
    });
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it("restarts once (messages lost, as memory storage says), then gives up with QS_BROKER_DIED", async () => {
    // Prepare
    const sqs = broker.sqsClient();
    const QueueUrl = broker.queueUrl("durable");
    await sendIds(sqs, QueueUrl, ["a", "b", "c"]);

    // Act
    const restarted = nextEvent(events, 60_000);
    killBroker(broker);
    const first = await restarted;
    const afterRestart = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    const gaveUp = nextEvent(events, 10_000);
    killBroker(broker);
    const second = await gaveUp;

    // Assess
    expect(broker.storage).toEqual({ kind: "memory" });
    expect(first).toMatchObject({ type: "restarted", restarts: 1 });
    expect(afterRestart.Attributes?.ApproximateNumberOfMessages).toBe("0");
    expect(
      logLines.some((l) =>
        l.includes("storage memory: the messages the dead broker held are lost"),
      ),
    ).toBe(true);
    expect(second.type).toBe("gave-up");
    expect(broker.failure()).toMatchObject({ name: "BrokerError", code: "QS_BROKER_DIED" });
    expect(broker.failure()?.message).toContain("the bound of 1 restart within 60 s is used up");
    expect(broker.restarts).toBe(1);
  });
});
