import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/** The handler's result envelope, as far as the harness reads it (async-service/src/job.ts). */
export interface ResultEnvelopeView {
  readonly jobId: string;
  /** `failed`: the job ran but its result could not be delivered (e.g. `QS_RESULT_TOO_LARGE`). */
  readonly status: "succeeded" | "failed";
  readonly error?: { readonly code: string; readonly message: string };
  readonly receiveCount: number;
  readonly environmentId: string;
  readonly coldStart: boolean;
  readonly timings: {
    readonly submittedAt: number;
    readonly sentAt: number;
    readonly firstReceivedAt: number;
    readonly handlerStartAt: number;
    readonly handlerEndAt: number;
  };
  readonly analysis: unknown;
}

/** One result read from the results queue. */
export interface CollectedResult {
  readonly jobId: string;
  /** Epoch ms (fractional) when the harness received it: "result available". */
  readonly receivedAtMs: number;
  /** True when this job id was already collected (a redelivered job published twice). */
  readonly duplicate: boolean;
  readonly result: ResultEnvelopeView;
}

/** Counts of the collector. */
export interface CollectorCounters {
  readonly results: number;
  readonly unique: number;
  readonly duplicates: number;
  readonly malformed: number;
  readonly receives: number;
  readonly emptyReceives: number;
}

/**
 * Long-polls the results queue with a few concurrent receivers, deletes what it read, and hands
 * every result (deduplicated by job id, duplicates flagged) to `onResult`.
 */
export class ResultCollector {
  readonly #seen = new Set<string>();
  readonly #abort = new AbortController();
  #loops: Promise<void>[] = [];
  #counters = { results: 0, unique: 0, duplicates: 0, malformed: 0, receives: 0, emptyReceives: 0 };

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly onResult: (r: CollectedResult) => void,
    private readonly receivers = 3,
    private readonly waitTimeSeconds = 1,
  ) {}

  /** Starts the receive loops. */
  start(): void {
    this.#loops = Array.from({ length: this.receivers }, () => this.#loop());
  }

  /** Stops receiving (the current long polls are aborted) and waits for the loops. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await Promise.all(this.#loops);
  }

  counters(): CollectorCounters {
    return { ...this.#counters };
  }

  /** Whether a job's result has been collected. */
  has(jobId: string): boolean {
    return this.#seen.has(jobId);
  }

  async #loop(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        const out = await this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: this.waitTimeSeconds,
          }),
          { abortSignal: signal },
        );
        const receivedAtMs = performance.timeOrigin + performance.now();
        const messages = out.Messages ?? [];
        this.#counters.receives += 1;
        if (messages.length === 0) this.#counters.emptyReceives += 1;
        for (const m of messages) this.#accept(m.Body ?? "", receivedAtMs);
        if (messages.length > 0) {
          await this.client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: this.queueUrl,
              Entries: messages.map((m, i) => ({
                Id: String(i),
                ReceiptHandle: m.ReceiptHandle ?? "",
              })),
            }),
          );
        }
      } catch (err) {
        if (signal.aborted) return;
        // A broker hiccup: wait a moment and poll again rather than lose the loop.
        await new Promise((r) => setTimeout(r, 200));
        if ((err as Error).name === "QueueDoesNotExist") return;
      }
    }
  }

  #accept(body: string, receivedAtMs: number): void {
    let result: ResultEnvelopeView;
    try {
      result = JSON.parse(body) as ResultEnvelopeView;
    } catch {
      this.#counters.malformed += 1;
      return;
    }
    if (typeof result?.jobId !== "string") {
      this.#counters.malformed += 1;
      return;
    }
    const duplicate = this.#seen.has(result.jobId);
    this.#seen.add(result.jobId);
    this.#counters.results += 1;
    if (duplicate) this.#counters.duplicates += 1;
    else this.#counters.unique += 1;
    this.onResult({ jobId: result.jobId, receivedAtMs, duplicate, result });
  }
}
