// What SqsJsonClient needs of a transport: POST a signed request, read the whole answer, within
// a deadline and an abort signal. Two implementations: node:http(s) (node-http-poster.ts) and
// raw keep-alive sockets (socket-poster.ts), whose JS cost per call is a fraction of node:http's.
import { SqsCallError } from "./errors.js";

/** The status and the whole body of one answer. */
export interface RawResponse {
  readonly status: number;
  readonly text: string;
}

/** When a call gives up: `at` (performance.now() ms), `ms` (for the message), or on `signal`. */
export interface PostDeadline {
  readonly at: number;
  readonly ms: number;
  readonly signal: AbortSignal | undefined;
}

/** Sends one signed POST to the endpoint's path and resolves with the complete answer. */
export interface HttpPoster {
  post(headers: Record<string, string>, body: string, deadline: PostDeadline): Promise<RawResponse>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/**
 * Runs one exchange under `deadline`: `start` gets a `settle` to call once with an error or the
 * answer; on a timeout or an abort, `cancel` runs (it destroys the request) and the call rejects.
 */
export function settleWithin(
  deadline: PostDeadline,
  cancel: () => void,
  start: (settle: (err: Error | undefined, res?: RawResponse) => void) => void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const { signal } = deadline;
    const onAbort = () => settle(new SqsCallError("QS_SQS_ABORTED", "aborted by the caller"));
    const settle = (err: Error | undefined, res?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (err) {
        cancel();
        reject(err);
      } else if (res) resolve(res);
    };
    const timer = setTimeout(
      () => {
        const ms = deadline.ms;
        settle(new SqsCallError("QS_SQS_TIMEOUT", `no complete response within ${ms} ms`));
      },
      Math.max(0, deadline.at - performance.now()),
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    start(settle);
  });
}

/** A connection-level failure; `staleSocket` marks a reused keep-alive socket the server had closed. */
export function transportError(cause: Error, staleSocket: boolean): SqsCallError {
  return new SqsCallError(
    "QS_SQS_TRANSPORT",
    `connection failed: ${cause.message}`,
    { staleSocket },
    { cause },
  );
}

/** The resets a server's close of an idle kept-alive socket shows up as. */
export function isReset(err: NodeJS.ErrnoException): boolean {
  return err.code === "ECONNRESET" || err.code === "EPIPE";
}
