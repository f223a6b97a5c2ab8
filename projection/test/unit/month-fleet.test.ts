// The month's sync bill comes from the simulated autoscaler (issue 13 item 3 of the brief): the
// mean-value month fleet runs the same target tracking as the discrete-event window.
import { describe, expect, it } from "vitest";
import { project, resolveSyncParams } from "../../src/index.js";
import { simulateMonthFleet } from "../../src/sync/month-fleet.js";

const SERVICE_S = 0.01; // 10 ms a request: 100 req/s per 1-vCPU task at full CPU

describe("the month's fleet under target tracking", () => {
  it("keeps the warm fleet all month under a steady rate (no scaling)", () => {
    const p = resolveSyncParams({});
    // 300 req/s x 10 ms = 3 busy workers -> ceil(3 / 0.6) = 5 tasks
    const fleet = simulateMonthFleet(p, new Array(600).fill(300), SERVICE_S);
    expect(fleet.scaleActions).toBe(0);
    expect([...fleet.billedPerMinute].every((s) => s === 5 * 60)).toBe(true);
  });

  it("scales out only after 3 datapoints + the alarm delay + the task start, to the CPU target", () => {
    const p = resolveSyncParams({});
    const rates = [...new Array(60).fill(100), ...new Array(240).fill(600)];
    const fleet = simulateMonthFleet(p, rates, SERVICE_S);
    const tasks = (minute: number) => (fleet.billedPerMinute[minute] ?? 0) / 60;
    expect(tasks(59)).toBe(2); // 1 busy worker / 0.6 -> 2 tasks (minTasks 2)
    // Datapoints at minutes 61, 62, 63 breach; the action lands 183 s after the third (aws-facts 0.8).
    expect(tasks(65)).toBe(2);
    expect(tasks(67)).toBeGreaterThan(2);
    // Settles at ceil(6 busy workers / 0.6) = 10 tasks and holds there.
    expect(tasks(299)).toBe(10);
    expect(fleet.peakTasks).toBeLessThanOrEqual(p.maxTasks);
  });

  it("bills the month's task-hours as simulated, the discrete-event window's replacing its minutes", () => {
    const traffic = { kind: "shape", shape: "spiky", monthlyRequests: 50_000_000 } as const;
    const doc = project({
      run: null,
      traffic,
      windowMinutes: 30,
      warmupMinutes: 5,
      designs: "sync",
    });
    const cost = doc.projection?.cost.sync;
    const vcpuHours = cost?.items.find((i) => i.component === "fargate.vcpuHours")?.quantity;
    const simulated = cost?.notes.find((n) => n.startsWith("simulated:"));
    const hours = Number(/([\d.]+) task-hours/.exec(simulated ?? "")?.[1]);
    expect(vcpuHours).toBeCloseTo(hours, 0); // 1 vCPU per task
    // Spiky bursts make the fleet scale: more than the steady floor of 2 tasks x 730 h.
    expect(hours).toBeGreaterThan(2 * 730);
    expect(cost?.notes.join(" ")).toMatch(/simulated window: [\d.]+ task-hours in 30 min/);
  });
});
