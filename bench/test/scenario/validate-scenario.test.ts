import { describe, expect, it } from "vitest";
import {
  applyOverrides,
  describeScenario,
  listShippedScenarios,
  loadScenario,
  parseScenario,
  ScenarioError,
  scenarioIssues,
} from "../../src/scenario/index.js";

const minimal = {
  name: "tiny",
  description: "a tiny scenario",
  load: { executor: "constant-arrival-rate", rate: 10, duration: 5 },
};

function issuePaths(value: unknown): string[] {
  return scenarioIssues(value).map((i) => i.path);
}

describe("scenario validation", () => {
  it("applies every default to a minimal scenario and freezes it", () => {
    // Act
    const s = parseScenario(minimal);

    // Assess
    expect(s.architectures).toBe("both");
    expect(s.workload).toEqual([{ preset: "medium", weight: 1 }]);
    expect(s.async.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      6 * s.async.functionTimeoutSeconds,
    );
    expect(s.sync.workers).toBe(2);
    expect(Object.isFrozen(s.async)).toBe(true);
  });

  it("reports all problems at once, each with its field path", () => {
    // Prepare
    const bad = {
      name: "Bad Name",
      description: "",
      load: {
        executor: "ramping-arrival-rate",
        startRate: -1,
        stages: [{ target: "x", duration: 10 }],
      },
      warmup: { duration: -5, rate: 1 },
      workload: [{ preset: "gigantic", weight: 0 }],
      architectures: "neither",
      sync: { workers: 0 },
      async: {
        batchSize: 20,
        maxConcurrency: 1,
        visibilityTimeoutSeconds: 5,
        functionTimeoutSeconds: 10,
      },
      drain: { timeoutSeconds: "long" },
    };

    // Act
    const paths = issuePaths(bad);

    // Assess
    expect(paths).toEqual(
      expect.arrayContaining([
        "name",
        "description",
        "load.startRate",
        "load.stages[0].target",
        "warmup.duration",
        "workload[0].preset",
        "workload[0].weight",
        "architectures",
        "sync.workers",
        "async.maxConcurrency",
        "async.batchingWindowSeconds",
        "async.visibilityTimeoutSeconds",
        "drain.timeoutSeconds",
      ]),
    );
  });

  it("takes provisioned mode's pollers and the account concurrency, and refuses provisioned mode with maxConcurrency as Lambda does", () => {
    // Prepare
    const provisioned = { minimumPollers: 2, maximumPollers: 4 };

    // Act
    const s = parseScenario({
      ...minimal,
      async: { provisionedPollerConfig: provisioned, accountConcurrency: 30 },
    });
    const both = scenarioIssues({
      ...minimal,
      async: { provisionedPollerConfig: provisioned, maxConcurrency: 5 },
    });
    const bad = scenarioIssues({
      ...minimal,
      async: {
        provisionedPollerConfig: { minimumPollers: 1, maximumPollers: 2_001, x: 1 },
        accountConcurrency: 0,
      },
    });

    // Assess
    expect(s.async.provisionedPollerConfig).toEqual(provisioned);
    expect(s.async.accountConcurrency).toBe(30);
    expect(parseScenario(minimal).async.accountConcurrency).toBe(1_000);
    expect(describeScenario(s)).toContain("provisioned 2-4 pollers");
    expect(describeScenario(s)).toContain("sync then async");
    expect(describeScenario(s, ["async", "sync"])).toContain("async then sync");
    expect(both).toEqual([
      {
        path: "async.provisionedPollerConfig",
        message: "cannot be used together with async.maxConcurrency",
      },
    ]);
    expect(bad.map((i) => i.path).sort()).toEqual([
      "async.accountConcurrency",
      "async.provisionedPollerConfig.maximumPollers",
      "async.provisionedPollerConfig.minimumPollers",
      "async.provisionedPollerConfig.x",
    ]);
  });

  it("rejects unknown fields at every level", () => {
    // Prepare
    const withExtras = {
      ...minimal,
      colour: "blue",
      load: { ...minimal.load, burst: 3 },
      async: { memorySize: 512 },
      workload: [{ preset: "light", weight: 1, size: 3 }],
    };

    // Act
    const issues = scenarioIssues(withExtras);

    // Assess
    const unknown = issues.filter((i) => i.message === "unknown field").map((i) => i.path);
    expect(unknown.sort()).toEqual([
      "async.memorySize",
      "colour",
      "load.burst",
      "workload[0].size",
    ]);
  });

  it("throws a typed error listing every issue", () => {
    // Act
    const act = () => parseScenario({ ...minimal, load: { executor: "closed" }, seed: -1 });

    // Assess
    expect(act).toThrow(ScenarioError);
    try {
      act();
    } catch (err) {
      const e = err as ScenarioError;
      expect(e.code).toBe("QS_SCENARIO_INVALID");
      expect(e.issues.map((i) => i.path)).toEqual(["load.connections", "load.duration", "seed"]);
    }
  });

  it("names the allowed executors when the executor is unknown", () => {
    // Act
    const issues = scenarioIssues({ ...minimal, load: { executor: "constant-vus" } });

    // Assess
    expect(issues).toEqual([{ path: "load.executor", message: expect.stringContaining("closed") }]);
  });
});

describe("shipped scenarios", () => {
  it("ship steady, ramp, spike, soak, closed-max-throughput and quick", async () => {
    // Act
    const names = await listShippedScenarios();

    // Assess
    expect(names).toEqual(
      expect.arrayContaining(["steady", "ramp", "spike", "soak", "closed-max-throughput", "quick"]),
    );
  });

  it("every shipped file validates and describes itself in one line", async () => {
    for (const name of await listShippedScenarios()) {
      // Act
      const { scenario } = await loadScenario(name);
      const line = describeScenario(scenario);

      // Assess
      expect(scenario.name).toBe(name);
      expect(line.startsWith(`${name}: `)).toBe(true);
      expect(line).not.toContain("\n");
    }
  });

  it("an unknown name is a not-found error naming the shipped ones", async () => {
    // Act
    const error = await loadScenario("nope").catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).code).toBe("QS_SCENARIO_NOT_FOUND");
    expect((error as ScenarioError).message).toContain("steady");
  });
});

describe("overrides", () => {
  it("scale a spike's timing with --duration and keep its ratio with --rate", async () => {
    // Prepare
    const { scenario } = await loadScenario("spike");

    // Act
    const s = applyOverrides(scenario, { duration: 180, rate: 10, architectures: "sync" });

    // Assess: the three spikes keep their places in the longer run
    expect(s.load).toMatchObject({
      executor: "spike",
      duration: 180,
      spikeStart: 30,
      spikeDuration: 20,
      spikeCount: 3,
      spikeEvery: 60,
    });
    expect(s.load).toMatchObject({ baseRate: 10, spikeRate: 30 });
    expect(s.architectures).toBe("sync");
    expect(scenario.load).toMatchObject({ duration: 90, baseRate: 30 }); // the original is untouched
    // A spacing scaled to a fraction reads as people write numbers
    const odd = applyOverrides(scenario, { duration: 100 });
    expect(describeScenario(odd)).toContain("3 times every 33.333333 s");
  });

  it("scale a ramp so its peak is the --rate", async () => {
    // Prepare
    const { scenario } = await loadScenario("ramp");

    // Act
    const s = applyOverrides(scenario, { rate: 50 });

    // Assess
    expect(s.load.executor).toBe("ramping-arrival-rate");
    if (s.load.executor !== "ramping-arrival-rate") return;
    expect(Math.max(...s.load.stages.map((x) => x.target))).toBe(50);
    expect(s.load.startRate).toBe(5);
  });

  it("refuse --rate for the closed executor", async () => {
    // Prepare
    const { scenario } = await loadScenario("closed-max-throughput");

    // Act
    const act = () => applyOverrides(scenario, { rate: 5 });

    // Assess
    expect(act).toThrow(/--rate does not apply/);
  });
});
