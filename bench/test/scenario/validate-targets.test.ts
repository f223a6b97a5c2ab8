import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyOverrides,
  parseScenario,
  readScenarioFile,
  remoteTargetIssues,
  ScenarioError,
  scenarioIssues,
} from "../../src/scenario/index.js";

const minimal = {
  name: "own",
  description: "the user's own service",
  load: { executor: "constant-arrival-rate", rate: 10, duration: 5 },
};

const start = {
  command: ["python", "-m", "uvicorn", "app:app", "--port", "8080"],
  cwd: "svc",
  readiness: "http://127.0.0.1:8080/health",
};

describe("targets and bodies in a scenario", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-targets-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("applies the sync target's defaults and resolves paths against the scenario's folder", () => {
    // Act
    const s = parseScenario(
      {
        ...minimal,
        targets: { sync: { url: "http://127.0.0.1:8080/predict", start } },
        bodies: { file: "bodies.jsonl" },
      },
      "own.json",
      "/srv/scenarios",
    );

    // Assess
    expect(s.targets?.sync).toEqual({
      url: "http://127.0.0.1:8080/predict",
      method: "POST",
      headers: { "content-type": "application/json" },
      start: { ...start, cwd: "/srv/scenarios/svc", env: {}, timeoutMs: 60_000 },
    });
    expect(s.bodies).toEqual({ file: "/srv/scenarios/bodies.jsonl", order: "cycle" });
    // Overrides re-validate the scenario: resolved paths stay as they are.
    expect(applyOverrides(s, { duration: 2 }).bodies).toEqual(s.bodies);
    expect(Object.isFrozen(s.targets?.sync?.start)).toBe(true);
  });

  it("names every bad field of targets.sync and bodies", () => {
    // Act
    const issues = scenarioIssues({
      ...minimal,
      targets: {
        sync: {
          url: "ftp://x/y",
          method: "PATCH",
          headers: { a: 1 },
          start: { command: [], readiness: "nope", timeoutMs: 5, shell: true },
        },
        other: {},
      },
      bodies: { file: "b.jsonl", order: "random" },
    });

    // Assess
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        "bodies.order",
        "targets.other",
        "targets.sync.headers",
        "targets.sync.method",
        "targets.sync.start.command",
        "targets.sync.start.readiness",
        "targets.sync.start.shell",
        "targets.sync.start.timeoutMs",
        "targets.sync.url",
      ].sort(),
    );
  });

  it("takes exactly one body source", () => {
    const both = { ...minimal, bodies: { file: "b.jsonl", template: {} } };
    expect(scenarioIssues(both).map((i) => i.path)).toEqual(["bodies"]);
    expect(scenarioIssues({ ...minimal, bodies: {} }).map((i) => i.path)).toEqual(["bodies"]);
  });

  it("lists non-loopback targets by field unless remote targets are allowed", () => {
    // Prepare
    const remote = parseScenario({
      ...minimal,
      targets: { sync: { url: "http://10.0.0.5:8080/predict" } },
    });
    const local = parseScenario({ ...minimal, targets: { sync: { url: "http://localhost:1/p" } } });

    // Act
    const issues = remoteTargetIssues(remote);

    // Assess
    expect(issues.map((i) => i.path)).toEqual(["targets.sync.url"]);
    expect(issues[0]?.message).toContain("--allow-remote");
    expect(remoteTargetIssues(local)).toEqual([]);
  });

  it("rejects a scenario whose bodies file has a malformed line, naming the line", async () => {
    // Prepare
    await writeFile(join(dir, "bodies.jsonl"), '{"ok": 1}\n{"broken": \n');
    const file = join(dir, "own.json");
    await writeFile(file, JSON.stringify({ ...minimal, bodies: { file: "bodies.jsonl" } }));

    // Act
    const error = await readScenarioFile(file).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toEqual([
      expect.objectContaining({ path: "bodies.file", message: expect.stringContaining("line 2") }),
    ]);
  });

  it("rejects a bodies file that does not exist", async () => {
    // Prepare
    const file = join(dir, "missing.json");
    await writeFile(file, JSON.stringify({ ...minimal, bodies: { file: "nowhere.jsonl" } }));

    // Act
    const error = (await readScenarioFile(file).catch((e: unknown) => e)) as ScenarioError;

    // Assess
    expect(error.issues[0]?.message).toContain("cannot read");
  });

  it("refuses the container target for a scenario with its own targets (it would run the built-in images)", () => {
    // Arrange
    const sync = { url: "http://127.0.0.1:8080/predict" };
    const fn = { function: { runtime: "python3.12", handler: "handler.handler", codeDir: "." } };

    // Act
    const withSync = scenarioIssues({ ...minimal, target: "containers", targets: { sync } });
    const withFn = scenarioIssues({ ...minimal, target: "containers", targets: { async: fn } });
    const asProcesses = scenarioIssues({ ...minimal, target: "processes", targets: { sync } });
    const builtIn = scenarioIssues({ ...minimal, target: "containers" });

    // Assess
    expect(withSync.map((i) => i.path)).toEqual(["target"]);
    expect(withSync[0]?.message).toMatch(/runs as processes/);
    expect(withFn.map((i) => i.path)).toEqual(["target"]);
    expect(asProcesses).toEqual([]);
    expect(builtIn).toEqual([]);
  });
});
