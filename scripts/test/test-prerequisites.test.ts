// `npm test` starts with scripts/test-prerequisites.mjs. Without Chromium and without the rights to
// install it, the run must stop at once with one line naming the command to run (issue: fresh
// machine). Run as a real unprivileged user (uid 65534, "nobody") when the tests run as root.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../test-prerequisites.mjs", import.meta.url));
const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** A copy nobody can read: a clone's own folder may be private to root (mktemp -d is 0700). */
function readableCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "qs-prereq-"));
  chmodSync(dir, 0o755);
  const copy = join(dir, "test-prerequisites.mjs");
  copyFileSync(SCRIPT, copy);
  chmodSync(copy, 0o644);
  return copy;
}

function runScript(env: Record<string, string>, uid?: number) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [uid === undefined ? SCRIPT : readableCopy()], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    encoding: "utf8",
    timeout: 20_000,
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  return { ...r, seconds: (performance.now() - started) / 1000 };
}

describe("test prerequisites", () => {
  it("stops at once with the install command when Chromium is missing and cannot be installed", () => {
    // As root the script would install Chromium; as nobody it may not, which is the case under test.
    const r = runScript({ QS_CHROMIUM: "/nonexistent/chromium" }, asRoot ? 65534 : undefined);
    expect(r.status).toBe(1);
    expect(r.seconds).toBeLessThan(10);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("/nonexistent/chromium");
    expect(lines[0]).toContain("apt-get install -y chromium");
  });

  it("passes silently when Chromium is there", () => {
    // The suite's own browser test needs the real one, so it is present whenever this runs.
    const r = runScript({});
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
