import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "./helpers/run-cli.js";

// Real processes: the built CLI, spawned with bad command lines. None of them starts a stack.
describe("bench CLI usage", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-cli-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [["--rate", "fast"], "--rate"],
    [["--duration", "0"], "--duration"],
    [["--arch", "lambda"], "--arch"],
    [["--frobnicate"], "--frobnicate"],
    [["--scenario", ""], "--scenario"],
  ])("exits 2 and names the flag for %j", async (args, flag) => {
    // Act
    const run = await runCliProcess(args);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`bench: ${flag}`);
  });

  it("exits 2 for an unknown scenario, naming the shipped ones", async () => {
    // Act
    const run = await runCliProcess(["--scenario", "nope", "--describe"]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no scenario named "nope"');
    expect(run.stderr).toContain("steady");
  });

  it("exits 2 for an invalid scenario file and lists every problem with its path", async () => {
    // Prepare
    const file = join(dir, "bad.json");
    await writeFile(
      file,
      JSON.stringify({
        name: "bad",
        description: "bad",
        load: {
          executor: "spike",
          baseRate: 5,
          spikeRate: -1,
          spikeStart: 1,
          spikeDuration: 1,
          duration: 5,
        },
        async: { batchSize: 0 },
        extra: true,
      }),
    );

    // Act
    const run = await runCliProcess(["--scenario", file, "--describe"]);

    // Assess
    expect(run.code).toBe(2);
    for (const path of ["load.spikeRate", "async.batchSize", "extra: unknown field"]) {
      expect(run.stderr).toContain(path);
    }
  });

  it("--help documents every flag and the exit codes", async () => {
    // Act
    const run = await runCliProcess(["--help"]);

    // Assess
    expect(run.code).toBe(0);
    const flags = [
      "--scenario",
      "--duration",
      "--rate",
      "--arch",
      "--quick",
      "--describe",
      "--list",
    ];
    for (const flag of [...flags, "--results-dir", "--no-report", "--help"]) {
      expect(run.stdout).toContain(flag);
    }
    for (const code of ["0 ", "1 ", "2 ", "130"]) expect(run.stdout).toContain(`  ${code}`);
  });

  it("--describe prints one line per selected scenario, with overrides applied", async () => {
    // Act
    const run = await runCliProcess(["--scenario", "steady,spike", "--rate", "12", "--describe"]);

    // Assess
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^steady: constant-arrival-rate 12\/s/);
    expect(lines[1]).toMatch(/^spike: spike 12\/s with a spike to 36\/s/);
  });
});
