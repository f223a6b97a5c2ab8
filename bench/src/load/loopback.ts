import { LoadError } from "./errors.js";

// The local default never leaves the machine (DESIGN.md "Non-goals for the local default").
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** True when `url` names a loopback host (127.0.0.1, localhost, ::1). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** Throws `QS_LOAD_NON_LOOPBACK_TARGET` unless `url` is on loopback or remote is allowed. */
export function assertLoopback(url: URL, allowNonLoopback = false): void {
  if (!allowNonLoopback && !isLoopback(url)) {
    throw new LoadError("QS_LOAD_NON_LOOPBACK_TARGET", `refusing non-loopback target ${url.host}`);
  }
}
