import { LoadError } from "./errors.js";

// The local default never leaves the machine (DESIGN.md "Non-goals for the local default").
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Throws `QS_LOAD_NON_LOOPBACK_TARGET` unless `url` is on loopback or remote is allowed. */
export function assertLoopback(url: URL, allowNonLoopback = false): void {
  if (!allowNonLoopback && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new LoadError("QS_LOAD_NON_LOOPBACK_TARGET", `refusing non-loopback target ${url.host}`);
  }
}
