import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const FIXTURE = fileURLToPath(new URL("./fixtures/hold-broker.ts", import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reads `pid=<n>` from the child's stdout; bounded by `timeoutMs`. */
function brokerPid(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`no pid within ${timeoutMs} ms: ${out}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /pid=(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`fixture exited (${code}) before the broker was ready: ${out}`)),
    );
  });
}

describe("a SIGKILLed parent", () => {
  let parent: ChildProcess | undefined;
  let jvmPid: number | undefined;

  afterAll(() => {
    parent?.kill("SIGKILL");
    if (jvmPid !== undefined && isAlive(jvmPid)) process.kill(jvmPid, "SIGKILL");
  });

  it("takes its JVM broker with it", async () => {
    // Prepare
    parent = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    jvmPid = await brokerPid(parent, 90_000);
    const aliveBefore = isAlive(jvmPid);

    // Act: SIGKILL runs no exit hook; only the kernel's parent-death signal (or the watchdog) can act.
    parent.kill("SIGKILL");
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      await new Promise((r) => setTimeout(r, 100)); // bounded: at most 10 s
      alive = isAlive(jvmPid);
    }

    // Assess
    expect(aliveBefore).toBe(true);
    expect(alive).toBe(false);
  });
});
