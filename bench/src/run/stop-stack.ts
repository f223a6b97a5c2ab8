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
