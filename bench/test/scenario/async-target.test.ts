// `targets.async` (contract 14): a function the local platform runs, or an enqueue URL; every
// problem reported at once with its field path; codeDir resolved against the scenario's folder.
import { describe, expect, it } from "vitest";
import { parseScenario, scenarioIssues } from "../../src/scenario/index.js";

const base = {
  name: "user-fn",
  description: "a user's function",
  load: { executor: "constant-arrival-rate", rate: 5, duration: 5 },
};
const withAsync = (async: unknown) => ({ ...base, targets: { async } });
const issues = (async: unknown) => scenarioIssues(withAsync(async));

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

  it("rejects an unknown runtime, a command runtime without argv, and both or neither shape", () => {
    expect(issues({ function: { runtime: "java21", codeDir: "." } })).toEqual([
      expect.objectContaining({ path: "targets.async.function.runtime" }),
    ]);
    expect(issues({ function: { runtime: "command", codeDir: "." } })).toEqual([
      expect.objectContaining({ path: "targets.async.function.command" }),
    ]);
    expect(issues({}).map((i) => i.path)).toEqual(["targets.async"]);
    expect(
      issues({ enqueueUrl: "http://127.0.0.1:9000/jobs", function: { runtime: "builtin" } }).map(
        (i) => i.path,
      ),
    ).toEqual(["targets.async"]);
    expect(issues({ enqueueUrl: "ftp://x" }).map((i) => i.path)).toEqual([
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
});
