import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/parse-args.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { planSuite, repeatOrder } from "../../src/suite/suite-plan.js";

describe("planSuite", () => {
  it("alternates the designs A B B A A B across repeats", async () => {
    // Prepare
    const { scenario } = await loadScenario("quick");

    // Act
    const plan = planSuite([scenario], { repeat: 3, memorySweep: [], taskSweep: [] });

    // Assess
    expect(plan.map((p) => p.order.join(" "))).toEqual(["sync async", "async sync", "sync async"]);
    expect(plan.flatMap((p) => p.order).join("")).toBe("syncasyncasyncsyncsyncasync");
    expect(plan.map((p) => p.repeat)).toEqual([1, 2, 3]);
    expect(repeatOrder(4)).toEqual(["async", "sync"]);
  });

  it("alternates across the suite's scenarios: with one repeat each, the second runs async first", async () => {
    // Prepare
    const steady = (await loadScenario("steady")).scenario;
    const spike = (await loadScenario("spike")).scenario;

    // Act
    const once = planSuite([steady, spike], { repeat: 1, memorySweep: [], taskSweep: [] });
    const twice = planSuite([steady, spike], { repeat: 2, memorySweep: [], taskSweep: [] });

    // Assess
    expect(once.map((p) => `${p.scenario.name}: ${p.order.join(" ")}`)).toEqual([
      "steady: sync async",
      "spike: async sync",
    ]);
    expect(twice.map((p) => `${p.scenario.name} ${p.repeat}: ${p.order.join(" ")}`)).toEqual([
      "steady 1: sync async",
      "steady 2: async sync",
      "spike 1: sync async",
      "spike 2: async sync",
    ]);
  });

  it("sweeps async memory and sync task size, one design per run, the setting applied", async () => {
    // Prepare
    const { scenario } = await loadScenario("quick");

    // Act
    const plan = planSuite([scenario], {
      repeat: 1,
      memorySweep: [512, 3008],
      taskSweep: [0.5, 2],
    });

    // Assess
    const sweeps = plan.filter((p) => p.kind !== "compare");
    expect(sweeps.map((p) => [p.kind, p.scenario.architectures])).toEqual([
      ["memory", "async"],
      ["memory", "async"],
      ["task", "sync"],
      ["task", "sync"],
    ]);
    expect(sweeps.map((p) => p.scenario.async.memorySizeMB).slice(0, 2)).toEqual([512, 3008]);
    expect(sweeps.map((p) => p.scenario.sync.taskVcpu).slice(2)).toEqual([0.5, 2]);
    expect(sweeps[0]?.memorySizeMB).toBe(512);
    expect(sweeps[3]?.taskVcpu).toBe(2);
  });

  it("skips a sweep of a design the scenario does not measure", async () => {
    // Prepare
    const { scenario } = await loadScenario("quick");
    const syncOnly = { ...scenario, architectures: "sync" as const };

    // Act
    const plan = planSuite([syncOnly], { repeat: 1, memorySweep: [512], taskSweep: [] });

    // Assess
    expect(plan.map((p) => p.kind)).toEqual(["compare"]);
  });
});

describe("multi-run flags", () => {
  it("parses --repeat, the sweeps and --task-vcpu", () => {
    // Act
    const o = parseCliArgs([
      "--repeat",
      "3",
      "--memory-sweep",
      "512, 1024,1769,3008",
      "--task-sweep",
      "0.5,1,2",
      "--task-vcpu",
      "2",
    ]);

    // Assess
    expect(o.repeat).toBe(3);
    expect(o.memorySweep).toEqual([512, 1024, 1769, 3008]);
    expect(o.taskSweep).toEqual([0.5, 1, 2]);
    expect(o.taskVcpu).toBe(2);
    expect(parseCliArgs([]).repeat).toBe(2); // the default suite
    expect(parseCliArgs(["--quick"]).repeat).toBe(1);
    expect(parseCliArgs(["--scenario", "steady"]).repeat).toBe(1);
    expect(parseCliArgs(["--repeat", "1"]).repeat).toBe(1);
  });

  it.each([
    [["--repeat", "0"], "--repeat: must be"],
    [["--repeat", "21"], "--repeat: must be"],
    [["--repeat", "1.5"], "--repeat: expected an integer"],
    [["--memory-sweep", "512,64"], "--memory-sweep: must be"],
    [["--memory-sweep", "512,,1024"], "--memory-sweep: empty size"],
    [["--memory-sweep", "512,512"], "--memory-sweep: a size is repeated"],
    [["--task-sweep", "0.75"], "--task-sweep: must be a Fargate size"],
    [["--task-vcpu", "3"], "--task-vcpu: must be a Fargate size"],
    [["--memory-sweep", "512", "--arch", "sync"], "--memory-sweep: sweeps the async design"],
    [["--task-sweep", "1", "--arch", "async"], "--task-sweep: sweeps the sync design"],
  ])("rejects %j naming the flag", (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});

describe("--task-vcpu and the sweeps' overrides", () => {
  it("set sync.taskVcpu and async.memorySizeMB, validated with the scenario", async () => {
    // Prepare
    const { scenario } = await loadScenario("steady");

    // Act
    const s = applyOverrides(scenario, { taskVcpu: 2, memorySizeMB: 512 });

    // Assess
    expect(s.sync.taskVcpu).toBe(2);
    expect(s.async.memorySizeMB).toBe(512);
    expect(s.sync.workers).toBe(scenario.sync.workers);
    expect(() => applyOverrides(scenario, { taskVcpu: 3 })).toThrow(/sync\.taskVcpu/);
  });
});
