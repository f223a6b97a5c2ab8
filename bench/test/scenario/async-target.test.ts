// `targets.async` (contract 14): a function the local platform runs, the user's own front door
// (enqueueUrl + start, optionally with the function consuming its queue); every
// problem reported at once with its field path; codeDir resolved against the scenario's folder.
import { describe, expect, it } from "vitest";
import {
  applyOverrides,
  describeScenario,
  parseScenario,
  remoteTargetIssues,
  scenarioIssues,
} from "../../src/scenario/index.js";

const base = {
  name: "user-fn",
  description: "a user's function",
  load: { executor: "constant-arrival-rate", rate: 5, duration: 5 },
};
const withAsync = (async: unknown) => ({ ...base, targets: { async } });
const issues = (async: unknown) => scenarioIssues(withAsync(async));
const door = {
  enqueueUrl: "http://127.0.0.1:9000/jobs",
  start: {
    command: ["python3", "front_door.py"],
    cwd: "door",
    readiness: "http://127.0.0.1:9000/health",
  },
};

describe("targets.async", () => {
  it("accepts a python3.12 function and resolves codeDir against the scenario file's folder", () => {
    const s = parseScenario(
      withAsync({
        function: {
          runtime: "python3.12",
          handler: "handler.handler",
          codeDir: "examples/x",
          memorySizeMB: 1769,
        },
      }),
      "s.json",
      "/work/scenarios",
    );
    expect(s.targets?.async).toEqual({
      function: {
        runtime: "python3.12",
        handler: "handler.handler",
        codeDir: "/work/scenarios/examples/x",
        memorySizeMB: 1769,
      },
    });
  });

  it("names every bad field at once", () => {
    const found = issues({
      function: {
        runtime: "nodejs22.x",
        handler: "nodot",
        command: ["x"],
        memorySizeMB: 64,
        extra: 1,
      },
    });
    expect(found.map((i) => i.path).sort()).toEqual([
      "targets.async.function.codeDir",
      "targets.async.function.command",
      "targets.async.function.extra",
      "targets.async.function.handler",
      "targets.async.function.memorySizeMB",
    ]);
  });

  it("rejects an unknown runtime, a command runtime without argv, and neither shape", () => {
    expect(issues({ function: { runtime: "java21", codeDir: "." } })).toEqual([
      expect.objectContaining({ path: "targets.async.function.runtime" }),
    ]);
    expect(issues({ function: { runtime: "command", codeDir: "." } })).toEqual([
      expect.objectContaining({ path: "targets.async.function.command" }),
    ]);
    expect(issues({}).map((i) => i.path)).toEqual(["targets.async"]);
    expect(issues({ enqueueUrl: "ftp://x", start: door.start }).map((i) => i.path)).toEqual([
      "targets.async.enqueueUrl",
    ]);
  });

  it("takes the built-in core as `builtin` without code, and a user's Node handler with it", () => {
    expect(issues({ function: { runtime: "builtin" } })).toEqual([]);
    expect(
      issues({ function: { runtime: "builtin", handler: "h.handler" } }).map((i) => i.path),
    ).toEqual(["targets.async.function.codeDir"]);
    expect(
      issues({ function: { runtime: "builtin", handler: "h.handler", codeDir: "." } }),
    ).toEqual([]);
  });

  it("takes the user's front door with its defaults, and a function to consume its queue", () => {
    // Act
    const alone = parseScenario(withAsync(door), "s.json", "/work/scenarios");
    const withFunction = parseScenario(
      withAsync({
        ...door,
        method: "PUT",
        headers: { "x-api-key": "k" },
        jobIdField: "job.id",
        function: { runtime: "nodejs22.x", handler: "h.handler", codeDir: "fn" },
      }),
      "s.json",
      "/work/scenarios",
    );

    // Assess
    expect(alone.targets?.async).toEqual({
      enqueueUrl: door.enqueueUrl,
      method: "POST",
      headers: { "content-type": "application/json" },
      jobIdField: "jobId",
      start: { ...door.start, cwd: "/work/scenarios/door", env: {}, timeoutMs: 60_000 },
    });
    expect(withFunction.targets?.async).toMatchObject({
      method: "PUT",
      headers: { "x-api-key": "k" },
      jobIdField: "job.id",
      function: { runtime: "nodejs22.x", handler: "h.handler", codeDir: "/work/scenarios/fn" },
    });
    expect(describeScenario(alone)).toContain("behind http://127.0.0.1:9000/jobs");
    // Overrides re-validate the normalised scenario: the front door stays as it is.
    expect(applyOverrides(withFunction, { duration: 2 }).targets).toEqual(withFunction.targets);
  });

  it("names every bad field of a front door at once", () => {
    // Act
    const found = issues({
      enqueueUrl: "http://127.0.0.1:9000/jobs",
      method: "GET",
      headers: { a: 1 },
      jobIdField: "job..id",
      extra: true,
    });
    const badStart = issues({ ...door, start: { command: [], readiness: "nope", timeoutMs: 5 } });

    // Assess
    expect(found.map((i) => i.path).sort()).toEqual([
      "targets.async.extra",
      "targets.async.headers",
      "targets.async.jobIdField",
      "targets.async.method",
      "targets.async.start",
    ]);
    expect(found.find((i) => i.path === "targets.async.start")?.message).toContain(
      "QUEUESHIFT_JOBS_QUEUE_URL",
    );
    expect(badStart.map((i) => i.path).sort()).toEqual([
      "targets.async.start.command",
      "targets.async.start.readiness",
      "targets.async.start.timeoutMs",
    ]);
  });

  it("refuses front-door fields without an enqueueUrl", () => {
    expect(
      issues({ function: { runtime: "builtin" }, jobIdField: "id", start: door.start }),
    ).toEqual([
      { path: "targets.async.jobIdField", message: "is only for a front door (enqueueUrl)" },
      { path: "targets.async.start", message: "is only for a front door (enqueueUrl)" },
    ]);
  });

  it("lists a remote front door and its readiness URL unless remote targets are allowed", () => {
    // Prepare
    const remote = parseScenario(
      withAsync({
        ...door,
        enqueueUrl: "http://10.0.0.5/jobs",
        start: { ...door.start, readiness: "http://10.0.0.5/health" },
      }),
      "s.json",
      "/w",
    );

    // Act
    const found = remoteTargetIssues(remote);

    // Assess
    expect(found.map((i) => i.path)).toEqual([
      "targets.async.enqueueUrl",
      "targets.async.start.readiness",
    ]);
    expect(found[0]?.message).toContain("10.0.0.5 is not loopback; pass --allow-remote");
    expect(remoteTargetIssues(parseScenario(withAsync(door), "s.json", "/w"))).toEqual([]);
  });
});
