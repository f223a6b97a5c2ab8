import { type Message, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { freeLoopbackPort } from "../../src/broker/free-port.js";

/** A loopback port that nothing listens on (bound, then released). */
export const closedLoopbackPort = freeLoopbackPort;

/**
 * Receives one message at a time without deleting it, for at most `maxPolls` long polls (so
 * the loop is bounded in count and, via `waitSeconds`, in time). Stops early after
 * `stopAfter` messages, or after two empty polls in a row once something was received.
 */
export async function receiveUntil(
  sqs: SQSClient,
  queueUrl: string,
  options: { maxPolls: number; waitSeconds: number; stopAfter?: number },
): Promise<Message[]> {
  const received: Message[] = [];
  let emptyInARow = 0;
  for (let poll = 0; poll < options.maxPolls; poll++) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: options.waitSeconds }),
    );
    const messages = out.Messages ?? [];
    received.push(...messages);
    emptyInARow = messages.length === 0 ? emptyInARow + 1 : 0;
    if (options.stopAfter !== undefined && received.length >= options.stopAfter) break;
    if (received.length > 0 && emptyInARow >= 2) break;
  }
  return received;
}
