import { FakeClock as DiscreteClock } from "../../src/clock/index.js";
import type {
  EventSourceQueue,
  QueueAttributes,
  QueueMessage,
  ReceiveRequest,
} from "../../src/lambda/index.js";

/** Lets other simulated loops run: a macrotask turn, so loops on the fake clock cannot starve the event loop. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The harness's discrete-event fake clock with millisecond helpers, which keep these tests'
 * numbers readable: `now()` and `advance(ms)` read and move the same virtual microseconds.
 */
export class FakeClock extends DiscreteClock {
  now(): number {
    return this.nowUs() / 1_000;
  }

  advance(ms: number): void {
    this.advanceUs(ms * 1_000);
  }
}

/** Builds a queue message as SQS would return it. */
export function message(id: string, body = `body-${id}`): QueueMessage {
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body,
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1700000000000" },
    messageAttributes: {},
    md5OfBody: "0".repeat(32),
  };
}

/**
 * An in-memory queue on the fake clock: messages become visible at their arrival time; a
 * receive with nothing visible "long polls" by advancing the clock to the next arrival
 * within the wait time, or by the whole wait time.
 */
export class FakeQueue implements EventSourceQueue {
  readonly url = "http://127.0.0.1:9324/000000000000/jobs";
  readonly receives: ReceiveRequest[] = [];
  readonly deleted: string[] = [];
  #clock: FakeClock;
  #pending: Array<{ at: number; message: QueueMessage }> = [];
  #visibilityTimeoutSeconds: number;

  constructor(clock: FakeClock, visibilityTimeoutSeconds = 30) {
    this.#clock = clock;
    this.#visibilityTimeoutSeconds = visibilityTimeoutSeconds;
  }

  /** Schedules messages to arrive at `at` ms on the fake clock (default: now). */
  add(messages: readonly QueueMessage[], at = this.#clock.now()): void {
    for (const m of messages) this.#pending.push({ at, message: m });
    this.#pending.sort((a, b) => a.at - b.at);
  }

  async receive(request: ReceiveRequest): Promise<readonly QueueMessage[]> {
    this.receives.push(request);
    const now = this.#clock.now();
    const next = this.#pending[0];
    if (next === undefined || next.at > now + request.waitTimeSeconds * 1000) {
      this.#clock.advance(request.waitTimeSeconds * 1000);
      await turn();
      return [];
    }
    if (next.at > now) this.#clock.advance(next.at - now);
    const ready = this.#pending
      .filter((p) => p.at <= this.#clock.now())
      .slice(0, request.maxMessages);
    this.#pending = this.#pending.filter((p) => !ready.includes(p));
    return ready.map((p) => p.message);
  }

  async deleteBatch(
    entries: readonly { id: string; receiptHandle: string }[],
  ): Promise<readonly string[]> {
    this.deleted.push(...entries.map((e) => e.id));
    return [];
  }

  async getAttributes(): Promise<QueueAttributes> {
    const visible = this.#pending.filter((p) => p.at <= this.#clock.now()).length;
    return {
      visibilityTimeoutSeconds: this.#visibilityTimeoutSeconds,
      visible,
      inFlight: 0,
      delayed: 0,
    };
  }
}
