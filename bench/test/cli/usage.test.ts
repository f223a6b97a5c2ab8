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
    [["--rate", "0x10"], "--rate"],
    [["--rate", "1e3"], "--rate"],
    [["--duration", "-5"], "--duration"],
  ])("exits 2 and names the flag for %j", async (args, flag) => {
    // Act
    const run = await runCliProcess(args);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`bench: ${flag}`);
  });

  it("says which numbers are accepted, in numbers people write", async () => {
    // Act
    const hex = await runCliProcess(["--rate", "0x10", "--describe"]);
    const high = await runCliProcess(["--rate", "200000", "--describe"]);
    const long = await runCliProcess(["--duration", "90000", "--describe"]);

    // Assess
    expect(hex.stderr).toContain(
      'bench: --rate: expected a plain decimal number (like 12 or 2.5), got "0x10"',
    );
    expect(high.stderr).toContain("bench: --rate: must be > 0 and <= 100,000, got 200000");
    expect(long.stderr).toContain("bench: --duration: must be between 1 and 86,400, got 90000");
  });

  it("states scenario ranges the same way (no 5e-324, digit groups)", async () => {
    // Prepare
    const file = join(dir, "long.json");
    await writeFile(
      file,
      JSON.stringify({
        name: "long",
        description: "too long",
        load: { executor: "constant-arrival-rate", rate: 5, duration: 0 },
        async: { batchSize: 20_000 },
      }),
    );

    // Act
    const run = await runCliProcess(["--scenario", file, "--describe"]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("load.duration: must be a number > 0 and <= 86,400");
    expect(run.stderr).toContain("async.batchSize: must be an integer between 1 and 10,000");
    expect(run.stderr).not.toContain("e-324");
  });

  it.each([
    [
      "a file",
      async () => {
        const file = join(dir, "a-file");
        await writeFile(file, "x");
        return { path: file, says: "is not a directory" };
      },
    ],
    [
      "a path under a file",
      async () => {
        const file = join(dir, "another-file");
        await writeFile(file, "x");
        return { path: join(file, "results"), says: "is not a directory" };
      },
    ],
    // Node 20's recursive mkdir never returns here; the check creates one level at a time.
    ["/proc/x", async () => ({ path: "/proc/x", says: "cannot create /proc/x (ENOENT)" })],
    // sysfs takes no new files, not even from root (chmod would not stop root).
    ["an unwritable directory", async () => ({ path: "/sys", says: "cannot write in /sys" })],
  ])("exits 2 naming --results-dir before the run starts when it is %s", async (_, make) => {
    // Prepare
    const { path, says } = await make();

    // Act: a real run would take a minute; the bound makes a hang fail instead of wait.
    const run = await runCliProcess(["--quick", "--no-report", "--results-dir", path], 20_000);

    // Assess
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`bench: --results-dir: `);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toContain("    at ");
    expect(run.stdout).not.toContain("result:");
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
    for (const code of [0, 1, 2, 3, 130])
      expect(run.stdout).toMatch(new RegExp(`\\n  ${code} +\\S`));
    expect(run.stdout).toContain("degraded");
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
