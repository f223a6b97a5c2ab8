import { describe, expect, it } from "vitest";
import {
  controllerScaling,
  eventSourceMappingDefaults,
  type ProvisionedPollerConfig,
  resolveEventSourceMappingConfig,
  type ScalingConfig,
  ScalingController,
} from "../../src/lambda/index.js";
import { FakeClock } from "./fakes.js";

function controller(overrides: Partial<ScalingConfig> = {}) {
  const clock = new FakeClock();
  const config = { ...eventSourceMappingDefaults.scaling, ...overrides };
  return { clock, scaling: new ScalingController(config, clock) };
}

function provisioned(provisionedPollerConfig: ProvisionedPollerConfig) {
  const clock = new FakeClock();
  const rules = controllerScaling(resolveEventSourceMappingConfig({ provisionedPollerConfig }));
  return { clock, scaling: new ScalingController(rules, clock) };
}

/** Observes a constant backlog once per second for `seconds`, returning the target at each whole minute. */
function runBacklog(clock: FakeClock, scaling: ScalingController, seconds: number): number[] {
  const perMinute: number[] = [];
  for (let s = 1; s <= seconds; s += 1) {
    clock.advance(1_000);
    scaling.observe(1_000);
    if (s % 60 === 0) perMinute.push(scaling.target);
  }
  return perMinute;
}

describe("ScalingController (standard queues)", () => {
  it("ramps 5 -> +300 per minute -> the 1,250 cap while a backlog stays for 5 minutes", () => {
    // Prepare
    const { clock, scaling } = controller();
    const initial = scaling.observe(1_000);

    // Act
    const perMinute = runBacklog(clock, scaling, 300);

    // Assess
    expect(initial).toBe(5);
    expect(perMinute).toEqual([305, 605, 905, 1_205, 1_250]);
  });

  it("ramps over a 10-minute backlog 5 -> 305 -> 605 -> 905 -> 1,205 -> the 1,250 cap, and holds it", () => {
    // Prepare
    const { clock, scaling } = controller();
    const initial = scaling.observe(1_000);

    // Act
    const perMinute = runBacklog(clock, scaling, 600);

    // Assess
    expect(initial).toBe(5);
    expect(perMinute).toEqual([305, 605, 905, 1_205, 1_250, 1_250, 1_250, 1_250, 1_250, 1_250]);
  });

  it("never exceeds MaximumConcurrency", () => {
    // Prepare
    const { clock, scaling } = controller({ maximumConcurrency: 200 });

    // Act
    const perMinute = runBacklog(clock, scaling, 180);

    // Assess
    expect(scaling.ceiling).toBe(200);
    expect(perMinute).toEqual([200, 200, 200]);
  });

  it("scales down gradually on an empty queue: one empty sample costs 5, not the whole ramp", () => {
    // Prepare
    const { clock, scaling } = controller();
    scaling.observe(1_000);
    runBacklog(clock, scaling, 120); // 605

    // Act
    const firstEmpty = scaling.observe(0);
    clock.advance(1_000);
    const secondEmpty = scaling.observe(0);
    clock.advance(1_000);
    const backlogAgain = scaling.observe(1_000);
    clock.advance(60_000);
    const minuteLater = scaling.observe(1_000);

    // Assess
    expect(firstEmpty).toBe(605);
    expect(secondEmpty).toBe(600); // 300 per minute = 5 per second
    expect(backlogAgain).toBe(600); // the ramp resumes from where the lull left it
    expect(minuteLater).toBe(900);
  });

  it("steps down 300 per minute to 5, and to 2 once the queue has been quiet a minute", () => {
    // Prepare
    const { clock, scaling } = controller();
    scaling.observe(1_000);
    runBacklog(clock, scaling, 120); // 605
    scaling.observe(0);

    // Act
    const perMinute: number[] = [];
    for (let s = 1; s <= 150; s += 1) {
      clock.advance(1_000);
      const target = scaling.observe(0);
      if (s % 30 === 0) perMinute.push(target);
    }

    // Assess
    expect(perMinute).toEqual([455, 305, 155, 5, 2]);
  });

  it("keeps 5 on an idle queue when MaximumConcurrency is set (the low-traffic optimisation is off)", () => {
    // Prepare
    const { clock, scaling } = controller({ maximumConcurrency: 50 });

    // Act
    scaling.observe(0);
    clock.advance(120_000);
    const target = scaling.observe(0);

    // Assess
    expect(target).toBe(5);
  });

  it("halves the target on an error, holds it for the back-off period, then ramps from there", () => {
    // Prepare
    const { clock, scaling } = controller();
    scaling.observe(1_000);
    runBacklog(clock, scaling, 60); // 305

    // Act
    const afterError = scaling.recordError();
    const secondErrorInHold = scaling.recordError();
    clock.advance(5_000);
    const duringHold = scaling.observe(1_000);
    clock.advance(6_000);
    scaling.observe(1_000); // hold over: the ramp restarts here
    clock.advance(60_000);
    const minuteLater = scaling.observe(1_000);

    // Assess
    expect(afterError).toBe(152);
    expect(secondErrorInHold).toBe(152);
    expect(duringHold).toBe(152);
    expect(minuteLater).toBe(452);
  });

  it("keeps a back-off through its hold on an empty queue, then settles at 5", () => {
    // Prepare
    const { clock, scaling } = controller();
    scaling.observe(1_000);

    // Act
    const afterError = scaling.recordError();
    clock.advance(1_000);
    const emptyDuringHold = scaling.observe(0);
    clock.advance(10_000);
    const emptyAfterHold = scaling.observe(0);

    // Assess
    expect(afterError).toBe(2);
    expect(emptyDuringHold).toBe(2);
    expect(emptyAfterHold).toBe(5);
  });

  it("starts at MaximumConcurrency when it is below 5", () => {
    // Prepare / Act
    const { scaling } = controller({ maximumConcurrency: 2 });

    // Assess
    expect(scaling.target).toBe(2);
  });
});

describe("ScalingController (provisioned mode, aws-facts 0.3)", () => {
  it("starts at 2 pollers x 10 invokes and adds up to 1,000 a minute over a 10-minute backlog", () => {
    // Prepare
    const { clock, scaling } = provisioned({ minimumPollers: 2, maximumPollers: 2_000 });
    const initial = scaling.observe(1_000);

    // Act
    const perMinute = runBacklog(clock, scaling, 600);

    // Assess
    expect(initial).toBe(20);
    expect(perMinute).toEqual([
      1_020, 2_020, 3_020, 4_020, 5_020, 6_020, 7_020, 8_020, 9_020, 10_020,
    ]);
  });

  it("caps at the maximum pollers' invokes and never drops below the minimum pollers' on an idle queue", () => {
    // Prepare
    const { clock, scaling } = provisioned({ minimumPollers: 3, maximumPollers: 50 });
    scaling.observe(1_000);
    const perMinute = runBacklog(clock, scaling, 120);

    // Act
    scaling.observe(0);
    clock.advance(600_000);
    const idle = scaling.observe(0);

    // Assess
    expect(scaling.ceiling).toBe(500);
    expect(perMinute).toEqual([500, 500]);
    expect(idle).toBe(30);
  });
});
