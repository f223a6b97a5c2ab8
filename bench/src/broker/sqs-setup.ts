import type { AwsCredentials, SqsApi } from "@queueshift/sqs-client";
import { openSqs } from "./open-sqs.js";
import type { BrokerLogWriter } from "./options.js";
import { deadLettersFirst, type ResolvedQueueSpec } from "./queue-spec.js";

/** A client for set-up and readiness checks: few attempts and short timeouts, so a dead endpoint fails fast. */
export function setupClient(
  endpoint: string,
  region: string,
  credentials: AwsCredentials | undefined,
  maxAttempts: number,
): Promise<SqsApi> {
  return openSqs({
    endpoint,
    region,
    ...(credentials ? { credentials } : {}),
    timeoutMs: 5_000,
    sdkMaxAttempts: maxAttempts,
  });
}

/** Resolves when every queue answers GetQueueUrl; the caller bounds it with a deadline. */
export async function waitForQueues(
  client: SqsApi,
  names: readonly string[],
  options: { deadline: number; intervalMs: number; aborted: () => Error | undefined },
): Promise<void> {
  let lastError: unknown;
  while (Date.now() < options.deadline) {
    const abort = options.aborted();
    if (abort !== undefined) throw abort;
    try {
      for (const name of names) {
        if ((await client.getQueueUrl(name)) === undefined)
          throw new Error(`queue ${name} does not exist (yet)`);
      }
      return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, options.intervalMs));
  }
  const abort = options.aborted();
  if (abort !== undefined) throw abort;
  throw new Error(`queues not ready: ${describeError(lastError)}`, { cause: lastError });
}

/**
 * Create-or-get each queue by name, dead-letter queues first so their ARNs exist for the
 * redrive policy. An existing queue gets the spec's attributes (SetQueueAttributes), since a
 * benchmark on a queue with other timeouts would measure something else.
 */
export async function ensureQueues(
  client: SqsApi,
  specs: readonly ResolvedQueueSpec[],
  log: BrokerLogWriter,
): Promise<{ urls: Map<string, string>; created: string[] }> {
  const urls = new Map<string, string>();
  const arns = new Map<string, string>();
  const created: string[] = [];
  for (const spec of deadLettersFirst(specs)) {
    const attributes = queueAttributes(spec, arns);
    let url = await client.getQueueUrl(spec.name);
    if (url === undefined) {
      url = await client.createQueue(spec.name, attributes);
      created.push(spec.name);
      log(`broker: created queue ${spec.name}`);
    } else {
      await client.setQueueAttributes(url, attributes);
      log(`broker: using existing queue ${spec.name} (attributes set to the spec)`);
    }
    const attrs = await client.getQueueAttributes(url, ["QueueArn"]);
    arns.set(spec.name, required(attrs.QueueArn, `no QueueArn for ${spec.name}`));
    urls.set(spec.name, url);
  }
  return { urls, created };
}

function queueAttributes(
  spec: ResolvedQueueSpec,
  arns: ReadonlyMap<string, string>,
): Record<string, string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(spec.receiveMessageWaitSeconds),
    MaximumMessageSize: String(spec.maximumMessageSizeBytes),
  };
  if (spec.deadLetter !== undefined) {
    const target = required(
      arns.get(spec.deadLetter.queueName),
      `dead-letter queue ${spec.deadLetter.queueName} not created first`,
    );
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: target,
      maxReceiveCount: String(spec.deadLetter.maxReceiveCount),
    });
  }
  return attributes;
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}

/** A one-line description of an SDK or network error (name, code, message). */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return `${err.name}${code ? ` ${code}` : ""}: ${err.message || "(no message)"}`;
  }
  return String(err);
}
