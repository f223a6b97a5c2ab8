// Issue 11: a host that refuses CPU quotas. The built CLI runs the quick scenario (both designs,
// real stacks) with QUEUESHIFT_CGROUP_ROOT pointing at a read-only cgroup folder: the run
// completes at full core, its result records cpuShares "not-applied" with the reason, and the
// report (the real report CLI) says so in its first lines.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { assertResultDocument } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "./helpers/run-cli.js";

const asRoot = process.getuid?.() === 0;
let cgroupRoot: string;
let resultsDir: string;

beforeAll(() => {
  // A cgroup v1 layout (cpu/cpu.cfs_quota_us) that cannot be written: root ignores permission
  // bits, so it gets a read-only bind mount; anyone else a 0555 folder.
  cgroupRoot = mkdtempSync(join(tmpdir(), "qs-cgroup-ro-"));
  resultsDir = mkdtempSync(join(tmpdir(), "qs-no-cgroup-"));
  mkdirSync(join(cgroupRoot, "cpu"));
  writeFileSync(join(cgroupRoot, "cpu", "cpu.cfs_quota_us"), "-1\n");
  if (asRoot) {
    execFileSync("mount", ["--bind", cgroupRoot, cgroupRoot]);
    execFileSync("mount", ["-o", "remount,bind,ro", cgroupRoot]);
  } else {
    execFileSync("chmod", ["0555", join(cgroupRoot, "cpu")]);
  }
});

afterAll(() => {
  if (asRoot) execFileSync("umount", [cgroupRoot]);
  else execFileSync("chmod", ["0755", join(cgroupRoot, "cpu")]);
  rmSync(cgroupRoot, { recursive: true, force: true });
  rmSync(resultsDir, { recursive: true, force: true });
});

describe("a host without cgroup permission", () => {
  it("completes the run at full core, records why, and the report warns in its first lines", async () => {
    // Act
    const run = await runCliProcess(["--quick", "--results-dir", resultsDir], 150_000, {
      ...process.env,
      QUEUESHIFT_CGROUP_ROOT: cgroupRoot,
    });

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const file = /^result: (.+)$/m.exec(run.stdout)?.[1] ?? "";
    const doc = assertResultDocument(JSON.parse(await readFile(file, "utf8")));
    expect(doc.outcome.status).toBe("completed");
    expect(doc.cpuShares).toMatchObject({ status: "not-applied" });
    expect(doc.cpuShares?.status === "not-applied" && doc.cpuShares.reason).toContain(cgroupRoot);
    for (const a of doc.architectures) {
      expect(a.counters.succeeded).toBeGreaterThan(0);
      expect(a.counters.lost ?? 0).toBe(0);
    }
    const summary = await readFile(join(dirname(file), "summary.md"), "utf8");
    const firstLines = summary.split("\n").slice(0, 8).join("\n"); // after the verdict and its basis
    expect(firstLines).toContain("Durations were measured at full core");
    expect(firstLines).toContain(cgroupRoot);
  }, 180_000);
});
