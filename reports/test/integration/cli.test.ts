import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureResult } from "../fixtures/result-fixture.js";

// These spawn the built CLIs (`npx tsc -b reports` or `npm run build` first).
const dist = fileURLToPath(new URL("../../dist/bin/", import.meta.url));
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [join(dist, script), ...args], { encoding: "utf8", timeout: 60_000 });

let dir: string;
const runDir = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qs-reports-cli-"));
  const write = (name: string, doc: unknown) => {
    mkdirSync(runDir(name), { recursive: true });
    writeFileSync(join(runDir(name), "result.json"), JSON.stringify(doc));
  };
  write("base", fixtureResult({ runId: "base" }));
  write("same", fixtureResult({ runId: "same" }));
  write("slow", fixtureResult({ runId: "slow", latencyScale: 1.2 }));
  const spike = fixtureResult({ runId: "spike" });
  write("spike", { ...spike, scenario: { ...spike.scenario, name: "spike" } });
  writeFileSync(join(dir, "latest"), "same\n");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("compare CLI", () => {
  it("exits 1 and flags p99 when the candidate is 20% slower", () => {
    // Act
    const r = run("compare.js", [runDir("base"), join(runDir("slow"), "result.json")]);

    // Assess
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/sync\s+p99\s.*REGRESSION/);
    expect(r.stdout).toMatch(/async\s+p99\s.*REGRESSION/);
  });

  it("exits 0 for identical runs, resolving run ids and `latest` under --results-dir", () => {
    // Act
    const r = run("compare.js", ["base", "latest", "--results-dir", dir]);

    // Assess
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no regressions");
  });

  it("exits 2 on bad usage, naming the problem", () => {
    // Act
    const missing = run("compare.js", [runDir("base")]);
    const badThreshold = run("compare.js", [
      runDir("base"),
      runDir("same"),
      "--threshold",
      "p42=1%",
    ]);

    // Assess
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/two runs/);
    expect(badThreshold.status).toBe(2);
    expect(badThreshold.stderr).toMatch(/--threshold "p42=1%"/);
  });
});

describe("compare CLI across scenarios", () => {
  it("refuses runs of different scenarios with exit 2 unless --force", () => {
    // Act
    const refused = run("compare.js", [runDir("base"), runDir("spike")]);
    const forced = run("compare.js", [runDir("base"), runDir("spike"), "--force"]);

    // Assess
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /different scenarios \(scenario "synthetic" vs "spike"\).*--force/,
    );
    expect(forced.status).toBe(0);
    expect(forced.stderr).toMatch(/warning: scenario "synthetic" vs "spike"/);
    expect(forced.stdout).toContain("no regressions");
  });
});

describe("report CLI", () => {
  it("writes report.html, summary.md and summary.json next to result.json and prints their paths", () => {
    // Act
    const r = run("report.js", [
      "base",
      "--results-dir",
      dir,
      "--volume",
      "5M",
      "--slo",
      "p99=2s",
      "--arch",
      "arm64",
    ]);

    // Assess
    expect(r.status).toBe(0);
    const printed = r.stdout.trim().split("\n");
    expect(printed).toEqual(
      ["report.html", "summary.md", "summary.json"].map((f) => join(runDir("base"), f)),
    );
    for (const p of printed) expect(existsSync(p)).toBe(true);
    expect(readFileSync(printed[1] ?? "", "utf8")).toMatch(/^\*\*Recommendation: /);
    expect(JSON.parse(readFileSync(printed[2] ?? "", "utf8")).profile.monthlyRequests).toBe(5e6);
  });

  it("prices the sync network and the client's result polls from their flags", () => {
    // Act
    const r = run("report.js", [
      runDir("same"),
      "--sync-network",
      "nat-gateway",
      "--result-polls",
      "2",
    ]);
    const md = readFileSync(join(runDir("same"), "summary.json"), "utf8");

    // Assess
    expect(r.status).toBe(0);
    const notes: string[] = JSON.parse(md).cost.inputNotes;
    expect(notes).toContain("sync: network nat-gateway (aws-facts.md 0.13)");
    expect(notes.join(" ")).toMatch(/3 API request\(s\) per job \(submit \+ 2 result polls\)/);
  });

  it("exits 2 naming the flag on bad usage and an unsupported region", () => {
    // Act
    const badFlag = run("report.js", [runDir("base"), "--colour"]);
    const region = run("report.js", [runDir("base"), "--region", "eu-west-1"]);
    const network = run("report.js", [runDir("base"), "--sync-network", "vpn"]);
    const polls = run("report.js", [runDir("base"), "--result-polls=-1"]);

    // Assess
    expect(network.status).toBe(2);
    expect(network.stderr).toMatch(/--sync-network vpn/);
    expect(polls.status).toBe(2);
    expect(polls.stderr).toMatch(/--result-polls -1/);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toMatch(/--colour/);
    expect(region.status).toBe(2);
    expect(region.stderr).toMatch(/--region eu-west-1/);
  });

  it("exits 1 when the run does not exist or is not a result document", () => {
    // Prepare
    mkdirSync(runDir("broken"), { recursive: true });
    writeFileSync(join(runDir("broken"), "result.json"), JSON.stringify({ schemaVersion: 99 }));

    // Act
    const missing = run("report.js", ["no-such-run", "--results-dir", dir]);
    const broken = run("report.js", [runDir("broken")]);

    // Assess
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/QS_REPORT_RUN_NOT_FOUND/);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/schema version 99 is not supported/);
  });
});
