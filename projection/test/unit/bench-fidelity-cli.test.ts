// `npm run bench:projection-fidelity` as a process (the built CLI): its flags' errors.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../dist/cli/bench-fidelity.js", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../fixtures/quiet2-steady.result.json", import.meta.url));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

describe("bench:projection-fidelity (the CLI)", () => {
  it("rejects a --seeds that is not a whole number from 1 to 100, naming the flag, exit 2", () => {
    for (const bad of ["0", "2.5", "many", "101"]) {
      const r = run("--seeds", bad, FIXTURE);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain(`--seeds must be a whole number from 1 to 100, got "${bad}"`);
    }
    const missing = run(FIXTURE, "--seeds");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--seeds needs a value");
  });

  it("judges the median of the seeds' replays and prints their range", () => {
    const r = run("--seeds", "3", FIXTURE);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /steady {3}async {2}p99 .* \(3 seeds: [\d.]+\.\.[\d.]+, first [+-][\d.]+%\)/,
    );
    expect(r.stdout).toContain("(the median of 3 seeds' replays)");
  });

  it("prints the run's and the replay's mean INIT wall time beside a spike's goals", () => {
    // A three-burst spike with 9 measured cold starts (a steady run has none in its measure phase)
    const spike = fileURLToPath(new URL("../fixtures/quiet5-spike.result.json", import.meta.url));
    const r = run("--seeds", "1", spike);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /spike {4}async {2}INIT wall {2}run +[\d.]+ ms mean \(n 9\) {2}replay [\d.]+ ms mean \(seed 1, n \d+\): a diagnostic, not a goal/,
    );
    expect(run("--seeds", "1", FIXTURE).stdout).not.toContain("INIT wall");
  });

  it("prints each async stage's p99 in the run and the replay, only the stages the run recorded", () => {
    const stage = (name: string) => new RegExp(`${name} [\\d.]+/[\\d.]+`);
    const spike = fileURLToPath(new URL("../fixtures/quiet5-spike.result.json", import.meta.url));
    const line = run("--seeds", "1", spike)
      .stdout.split("\n")
      .find((l) => l.includes("stages p99"));
    expect(line).toMatch(/^spike {4}async {2}stages p99 ms, run\/replay \(seed 1\): /);
    for (const name of ["queueWait", "batchWait", "resultWait"]) expect(line).toMatch(stage(name));
    // The first fixtures (2026-12-01) recorded no resultWait
    const old = fileURLToPath(new URL("../fixtures/quiet-steady.result.json", import.meta.url));
    const oldLine = run("--seeds", "1", old)
      .stdout.split("\n")
      .find((l) => l.includes("stages p99"));
    expect(oldLine).toMatch(stage("queueWait"));
    expect(oldLine).not.toContain("resultWait");
  });
});
