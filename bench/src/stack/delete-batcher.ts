import { SQS_BATCH_MAX } from "@queueshift/sqs-client";

/**
 * Gathers messages to delete into DeleteMessageBatch-sized groups: a full group (10, aws-facts
 * 5.2) goes at once, a partial one `delayMs` after its first message arrived. `send` must not
 * reject (it counts and reports its own failures).
 */
export class DeleteBatcher<M> {
  #pending: M[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #sending = new Set<Promise<void>>();

  constructor(
    private readonly send: (batch: readonly M[]) => Promise<void>,
    private readonly delayMs: number,
  ) {}

  /** Queues messages; sends every full group now and arms the timer for the rest. */
  add(messages: readonly M[]): void {
    this.#pending.push(...messages);
    while (this.#pending.length >= SQS_BATCH_MAX) this.#send(SQS_BATCH_MAX);
    if (this.#pending.length > 0 && this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#sendAll();
      }, this.delayMs);
    }
  }

  /** Sends everything queued and waits for every send in flight. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sendAll();
    await Promise.all([...this.#sending]);
  }

  #sendAll(): void {
    while (this.#pending.length > 0) this.#send(SQS_BATCH_MAX);
  }

  #send(n: number): void {
    const sending = this.send(this.#pending.splice(0, n)).finally(() =>
      this.#sending.delete(sending),
    );
    this.#sending.add(sending);
  }
}
