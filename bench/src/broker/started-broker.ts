import { SQSClient } from "@aws-sdk/client-sqs";
import {
  type AwsCredentials,
  LOCAL_CREDENTIALS as LEAN_LOCAL_CREDENTIALS,
  type SqsApi,
} from "@queueshift/sqs-client";
import { openSqs } from "./open-sqs.js";
import type { BrokerStorage } from "./options.js";

/** How the broker was provided. */
export type BrokerKind = "jvm" | "container" | "external";

/** What the result document records about the broker that was used. */
export interface BrokerDescription {
  readonly kind: BrokerKind;
  readonly reason: string;
  readonly endpoint: string;
  readonly region: string;
  readonly version?: string;
  readonly queues: Readonly<Record<string, string>>;
  /** Local brokers: where messages are kept. */
  readonly storage?: BrokerStorage;
  /** Times the broker died and was restarted so far (0 for external endpoints). */
  readonly restarts: number;
}

/** Where a local broker keeps its messages. */
export interface BrokerStorageInfo {
  readonly kind: BrokerStorage;
  /** The H2 file (kind "h2"), inside the broker's temp folder. */
  readonly file?: string;
}

/** A restart supervisor's view of the broker it watches. */
export interface BrokerSupervision {
  pid(): number | undefined;
  restarts(): number;
  failure(): Error | undefined;
}

/** A running, ready SQS-compatible broker with its queues created. */
export interface StartedBroker extends AsyncDisposable {
  readonly kind: BrokerKind;
  /** Why this kind was chosen (auto-selection) or "requested". */
  readonly reason: string;
  readonly endpoint: string;
  readonly region: string;
  readonly version?: string;
  /** The broker process's pid now (a restart changes it); undefined for external/container. */
  readonly pid: number | undefined;
  /** Local brokers: where messages are kept. */
  readonly storage?: BrokerStorageInfo;
  /** Times the broker died and was restarted so far (the run records it as `brokerRestarts`). */
  readonly restarts: number;
  /** The error once the broker died for good (restart bound used up); undefined while up. */
  failure(): Error | undefined;
  /** The queue URL of a queue from the spec; throws for an unknown name. */
  queueUrl(name: string): string;
  /**
   * The harness's SQS adapter for this endpoint (lean client; the SDK only where its credential
   * chain is needed); shared, closed by `stop()`.
   */
  sqs(): Promise<SqsApi>;
  /** An AWS SDK client for this endpoint (tests and tools); shared, destroyed by `stop()`. */
  sqsClient(): SQSClient;
  /** Kind, reason, endpoint, version and queue URLs for the result document. */
  describe(): BrokerDescription;
  /** Stops the broker; idempotent; resolves when its process/container is gone. */
  stop(): Promise<void>;
}

/**
 * Credentials ElasticMQ accepts (it does not check them); never real secrets. A copy, not the
 * frozen original: the AWS SDK annotates the credentials object it is given ($source).
 */
export const LOCAL_CREDENTIALS = { ...LEAN_LOCAL_CREDENTIALS };

/** Everything a broker implementation hands over once it is ready. */
export interface BrokerHandle {
  readonly kind: BrokerKind;
  readonly reason: string;
  readonly endpoint: string;
  readonly region: string;
  readonly version?: string;
  readonly pid?: number;
  readonly storage?: BrokerStorageInfo;
  /** Present when a supervisor restarts the broker; it then owns pid and restarts. */
  readonly supervision?: BrokerSupervision;
  readonly queueUrls: ReadonlyMap<string, string>;
  /** Client settings; local brokers pass dummy credentials, real AWS none (the SDK's chain). */
  readonly clientConfig: { readonly credentials?: AwsCredentials };
  readonly onStop: () => Promise<void>;
}

/** The one StartedBroker implementation; the kinds differ only in their handle. */
export class RunningBroker implements StartedBroker {
  readonly kind: BrokerKind;
  readonly reason: string;
  readonly endpoint: string;
  readonly region: string;
  readonly version?: string;
  readonly storage?: BrokerStorageInfo;
  readonly #handle: BrokerHandle;
  #client: SQSClient | undefined;
  #sqs: Promise<SqsApi> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(handle: BrokerHandle) {
    this.#handle = handle;
    this.kind = handle.kind;
    this.reason = handle.reason;
    this.endpoint = handle.endpoint;
    this.region = handle.region;
    if (handle.version !== undefined) this.version = handle.version;
    if (handle.storage !== undefined) this.storage = handle.storage;
  }

  get pid(): number | undefined {
    return this.#handle.supervision?.pid() ?? this.#handle.pid;
  }

  get restarts(): number {
    return this.#handle.supervision?.restarts() ?? 0;
  }

  failure(): Error | undefined {
    return this.#handle.supervision?.failure();
  }

  queueUrl(name: string): string {
    const url = this.#handle.queueUrls.get(name);
    if (url === undefined) {
      const known = [...this.#handle.queueUrls.keys()].join(", ");
      throw new Error(`unknown queue "${name}"; this broker has: ${known}`);
    }
    return url;
  }

  sqs(): Promise<SqsApi> {
    if (this.#stopping !== undefined) return Promise.reject(new Error("the broker is stopped"));
    this.#sqs ??= openSqs({
      endpoint: this.endpoint,
      region: this.region,
      ...this.#handle.clientConfig,
    });
    return this.#sqs;
  }

  sqsClient(): SQSClient {
    if (this.#stopping !== undefined) throw new Error("the broker is stopped");
    this.#client ??= new SQSClient({
      endpoint: this.endpoint,
      region: this.region,
      ...this.#handle.clientConfig,
    });
    return this.#client;
  }

  describe(): BrokerDescription {
    return {
      kind: this.kind,
      reason: this.reason,
      endpoint: this.endpoint,
      region: this.region,
      ...(this.version === undefined ? {} : { version: this.version }),
      queues: Object.fromEntries(this.#handle.queueUrls),
      ...(this.storage === undefined ? {} : { storage: this.storage.kind }),
      restarts: this.restarts,
    };
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#client?.destroy();
      (await this.#sqs?.catch(() => undefined))?.close();
      await this.#handle.onStop();
    })();
    return this.#stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
