// Integration: environments never outlive their platform process. Needs `npx tsc -b bench` first.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive, waitFor } from "./helpers.js";

const parentScript = fileURLToPath(new URL("./fixtures/pool-parent.mjs", import.meta.url));
const parents: ChildProcess[] = [];

/** Starts the parent and resolves with the pids of its two warm environments. */
function startParent(): Promise<{ parent: ChildProcess; pids: number[] }> {
  const parent = spawn(process.execPath, [parentScript], { stdio: ["ignore", "pipe", "pipe"] });
  parents.push(parent);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error("parent did not report its environments")),
      15_000,
    );
    parent.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes("\n")) return;
      clearTimeout(timer);
      resolve({ parent, pids: JSON.parse(out.split("\n")[0] ?? "[]") as number[] });
    });
    parent.once("exit", (code) => reject(new Error(`parent exited early with ${code}`)));
  });
}

afterEach(() => {
  for (const p of parents.splice(0))
    if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
});

describe("environment processes die with their platform", () => {
  for (const signal of ["SIGTERM", "SIGINT", "SIGKILL"] as const) {
    it(`on ${signal} to the parent`, async () => {
      // Prepare
      const { parent, pids } = await startParent();
      expect(pids).toHaveLength(2);
      expect(pids.every(isAlive)).toBe(true);

      // Act
      const exited = new Promise((resolve) => parent.once("exit", (_code, sig) => resolve(sig)));
      parent.kill(signal);
      const parentSignal = await exited;

      // Assess
      expect(parentSignal).toBe(signal);
      await waitFor(() => pids.every((pid) => !isAlive(pid)), 5_000, "the environments to exit");
    });
  }
});
