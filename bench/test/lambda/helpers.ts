import { fileURLToPath } from "node:url";

/** Absolute path of a fixture handler module. */
export function fixtureHandler(name: string): string {
  return fileURLToPath(new URL(`../fixtures/handlers/${name}`, import.meta.url));
}

/** Polls `check` every 25 ms until it is true; fails after `timeoutMs` (bounded waiting). */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
