import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertResultDocument } from "@queueshift/shared-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runProjectCommand } from "../../src/cli/project-command.js";
import { localRun } from "./local-run.js";

let dir: string;

function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = runProjectCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const QUICK = ["--window", "10", "--warmup", "0"];

describe("npm run project (the CLI, on real files)", () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "qs-projection-"));
    writeFileSync(join(dir, "result.json"), JSON.stringify(localRun()));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes projection.json beside the run and prints a summary", () => {
    // Act
    const r = run(
      dir,
      "--volume",
      "10000000",
      "--shape",
      "diurnal",
      "--burst",
      "10x for 5 min at 14:00",
      ...QUICK,
    );

    // Assess
    expect(r.code).toBe(0);
    const doc = assertResultDocument(
      JSON.parse(readFileSync(join(dir, "projection.json"), "utf8")),
    );
    expect(doc.origin).toBe("projection");
    expect(r.out).toMatch(/sync: \d+ requests, p50/);
    expect(r.out).toMatch(/async: \d+ requests, p50/);
    expect(r.err).toMatch(/simulating/);
  });

  it("takes a per-minute rate file and parameters from the command line and a file", () => {
    // Prepare
    const csv = join(dir, "rates.csv");
    writeFileSync(
      csv,
      `minute,rate\n${Array.from({ length: 30 }, (_, m) => `${m},${m < 20 ? 20 : 200}`).join("\n")}\n`,
    );
    const params = join(dir, "params.json");
    writeFileSync(
      params,
      JSON.stringify({ sync: { vcpu: 2, memoryGb: 4 }, async: { memoryMb: 1024 } }),
    );

    // Act
    const r = run(
      join(dir, "result.json"),
      "--rate-file",
      csv,
      "--params",
      params,
      "--async.memoryMb",
      "512",
      "--out",
      join(dir, "p.json"),
      ...QUICK,
    );

    // Assess
    expect(r.code).toBe(0);
    const doc = assertResultDocument(JSON.parse(readFileSync(join(dir, "p.json"), "utf8")));
    const set = new Map(doc.assumptions?.map((a) => [a.name, a]));
    expect(set.get("sync.vcpu")?.value).toBe(2);
    expect(set.get("sync.vcpu")?.kind).toBe("set");
    expect(set.get("async.memoryMb")?.value).toBe(512);
  });

  it.each([
    [["--volume", "1000", "--shape", "bursty"], /shape: must be steady, diurnal or spiky/],
    [
      ["--volume", "-5", "--shape", "steady"],
      /volume: must be a number of requests per month >= 0/,
    ],
    [["--volume", "1000"], /shape: is required with --volume/],
    [
      ["--volume", "1000", "--shape", "steady", "--sync.vcpus", "2"],
      /sync\.vcpus: unknown parameter/,
    ],
    [
      ["--volume", "1000", "--shape", "steady", "--async.mode", "7"],
      /async\.mode: must be a string/,
    ],
    [
      ["--volume", "1000", "--shape", "steady", "--sync.vcpu", "3"],
      /sync\.vcpu: 3 vCPU \/ 2 GB is not a Fargate task size/,
    ],
    [
      ["--volume", "1000", "--shape", "steady", "--burst", "lots at noon"],
      /burst\[0\]: "lots at noon" is not like/,
    ],
    [["--volume", "1000", "--shape", "steady", "--window", "soon"], /window: must be a number/],
  ])("rejects %j naming the field, exit 2", (args, message) => {
    // Act
    const r = run(dir, ...args);

    // Assess
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("rejects a malformed rate file naming the line, exit 2", () => {
    // Prepare
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, "minute,rate\n0,10\n1,ten\n");

    // Act
    const r = run(dir, "--rate-file", csv);

    // Assess
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rate-file line 3 \(rate\): must be a number >= 0/);
  });

  it("rejects a run without the histograms it needs, exit 2", () => {
    // Prepare
    const doc = localRun();
    const bare = {
      ...doc,
      architectures: doc.architectures.map((a) => ({ ...a, histograms: {} })),
    };
    writeFileSync(join(dir, "result.json"), JSON.stringify(bare));

    // Act
    const r = run(dir, "--volume", "1000", "--shape", "steady");

    // Assess
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/architectures\[sync\]\.histograms\.serviceTime: missing or empty/);
  });

  it("rejects a missing run and a file that is not a result document, exit 2", () => {
    // Prepare
    writeFileSync(join(dir, "other.json"), JSON.stringify({ hello: 1 }));

    // Act
    const missing = run(join(dir, "nope"), "--volume", "1000", "--shape", "steady");
    const other = run(join(dir, "other.json"), "--volume", "1000", "--shape", "steady");

    // Assess
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/run: .*nope does not exist/);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/not a valid result document/);
  });

  it("prints its usage with --help, exit 0", () => {
    // Act
    const r = run("--help");

    // Assess
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--rate-file/);
  });
});
