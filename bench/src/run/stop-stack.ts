/** Default bound of a stack's teardown, ms. */
export const STOP_TIMEOUT_MS = 60_000;

/**
 * Calls `stop()` and waits for it with a ref'd timer alive. Some teardown steps wait on child
 * process events while holding only unref'd handles; without a live timer Node would see an
 * empty event loop and exit mid-teardown (exit code 13), leaving children behind. The wait
 * is bounded so a stuck teardown cannot hang the CLI: it then rejects, naming the stack.
 */
export async function stopWithin(
  name: string,
  stop: () => Promise<void>,
  timeoutMs = STOP_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name} did not stop within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([stop(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What an architecture run closes at its end. */
interface Closable {
  stopTicking(): Promise<void>;
  readonly timeline: { end(): void };
  setProgressPhase(phase: "teardown"): void;
}

/**
 * The end of every architecture run, on success and failure alike: close the last time-series
 * row and the timeline, then the sender, then the stack (bounded). Resolves with the teardown's
 * error, if any, for the caller to report when the run itself did not fail first.
 */
export async function tearDown(
  session: Closable,
  name: string,
  sender: { close(): Promise<void> },
  stack: { stop(): Promise<void> },
): Promise<unknown> {
  await session.stopTicking(); // its last row still carries the open phase
  session.timeline.end();
  session.setProgressPhase("teardown");
  await sender.close().catch(() => {});
  return stopWithin(name, () => stack.stop()).then(
    () => undefined,
    (err: unknown) => err,
  );
}
