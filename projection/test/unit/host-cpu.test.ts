// Issue 13, fidelity replays: the local host's cores shared by environments and the stack.
import { describe, expect, it } from "vitest";
import { HostCpu } from "../../src/async/host-cpu.js";

const idle = { name: "stack", cpuPerJob: 0, cpuPerInvocation: 0, threads: 2 };

function runUntilIdle(host: HostCpu, from: number): { t: number; finished: [number, number][] } {
  const finished: [number, number][] = [];
  let t = from;
  for (let i = 0; i < 100; i++) {
    const next = host.reschedule(t);
    if (!Number.isFinite(next)) break;
    host.advance(next);
    t = next;
    for (const id of host.takeFinished()) finished.push([id, t]);
  }
  return { t, finished };
}

describe("HostCpu", () => {
  it("runs handlers at their cap while the cores suffice", () => {
    const host = new HostCpu({ cores: 2, environmentCores: 1, background: [idle] });
    host.startWork(1, 0.01);
    host.startWork(2, 0.02);
    const { finished } = runUntilIdle(host, 0);
    expect(finished.map(([id]) => id)).toEqual([1, 2]);
    expect(finished[0]?.[1]).toBeCloseTo(0.01, 12);
    expect(finished[1]?.[1]).toBeCloseTo(0.02, 12);
  });

  it("shares the cores when demand exceeds them: 4 handlers on 2 cores run at half speed", () => {
    const host = new HostCpu({ cores: 2, environmentCores: 1, background: [idle] });
    for (let id = 0; id < 4; id++) host.startWork(id, 0.01);
    const { finished } = runUntilIdle(host, 0);
    expect(finished).toHaveLength(4);
    for (const [, t] of finished) expect(t).toBeCloseTo(0.02, 12);
    expect(host.environmentCpuSeconds).toBeCloseTo(0.04, 12);
  });

  it("gives the base load its fair share under contention, and nothing of the handlers' otherwise", () => {
    // Prepare: two handlers of 10 ms each beside a base load of half a core
    const on = (cores: number) => {
      const host = new HostCpu({ cores, environmentCores: 1, background: [idle], baseCores: 0.5 });
      host.startWork(1, 0.01);
      host.startWork(2, 0.01);
      return runUntilIdle(host, 0).finished;
    };
    // Assess: on 2 cores demand is 2.5: every entity at 2 / 2.5 (10 ms take 12.5 ms); on 3 cores
    // the handlers run at their cap
    for (const [, t] of on(2)) expect(t).toBeCloseTo(0.0125, 12);
    for (const [, t] of on(3)) expect(t).toBeCloseTo(0.01, 12);
  });

  it("gives queued background work its threads' share, and speeds handlers up once it is done", () => {
    const stack = { name: "stack", cpuPerJob: 0.01, cpuPerInvocation: 0, threads: 2 };
    const host = new HostCpu({ cores: 2, environmentCores: 1, background: [stack] });
    host.addJob(); // 10 ms of stack CPU
    host.startWork(7, 0.02);
    host.startWork(8, 0.02);
    // Demand 2 + 2 cores on 2: everything at half; the stack's 10 ms take 10 ms at 1 core,
    // the handlers then have 15 ms left at full speed.
    const { finished } = runUntilIdle(host, 0);
    for (const [, t] of finished) expect(t).toBeCloseTo(0.025, 12);
    expect(host.backgroundCpuSeconds).toBeCloseTo(0.01, 12);
  });

  it("gives a grouped background one entity's share beside the environments (Linux's autogroup)", () => {
    // Prepare: 40 ms of stack CPU on its 2 threads beside 4 handlers of 10 ms, on 2 cores
    const stack = { name: "stack", cpuPerJob: 0.04, cpuPerInvocation: 0, threads: 2 };
    const on = (groupedBackground: boolean) => {
      const host = new HostCpu({
        cores: 2,
        environmentCores: 1,
        background: [stack],
        groupedBackground,
      });
      host.addJob();
      for (let id = 0; id < 4; id++) host.startWork(id, 0.01);
      return host;
    };

    // Act
    const grouped = on(true);
    const perThread = on(false);
    const groupedEnd = runUntilIdle(grouped, 0);
    const perThreadEnd = runUntilIdle(perThread, 0);

    // Assess: grouped, five entities of weight 1 get 0.4 cores each (the stack 0.2 per thread), so
    // the handlers end at 25 ms with 10 ms of the stack's work done; its 30 ms left take 15 ms on
    // both cores. Per thread, demand 6 on 2 cores: the handlers at a third (30 ms), the stack at
    // 2 x 1/3 (20 ms done by then, 10 ms more on both cores).
    for (const [, t] of groupedEnd.finished) expect(t).toBeCloseTo(0.025, 12);
    expect(groupedEnd.t).toBeCloseTo(0.04, 12);
    for (const [, t] of perThreadEnd.finished) expect(t).toBeCloseTo(0.03, 12);
    expect(perThreadEnd.t).toBeCloseTo(0.04, 12);
    expect(grouped.backgroundCpuSeconds).toBeCloseTo(0.04, 12);
  });

  it("keeps only as many background threads runnable as its queued work holds requests", () => {
    // Prepare: one 10 ms request of stack CPU beside a 20 ms handler, then three requests
    const stack = {
      name: "stack",
      cpuPerJob: 0.01,
      cpuPerInvocation: 0,
      threads: 2,
      requestCpu: 0.01,
    };
    const one = new HostCpu({ cores: 2, environmentCores: 1, background: [stack] });
    one.addJob();
    one.startWork(1, 0.02);
    const three = new HostCpu({ cores: 2, environmentCores: 1, background: [stack] });
    for (let i = 0; i < 3; i++) three.addJob();
    three.startWork(1, 0.02);

    // Act
    const a = runUntilIdle(one, 0);
    const b = runUntilIdle(three, 0);

    // Assess: one request runs on one thread beside the handler, the cores suffice; three run on
    // two threads (demand 3 on 2 cores: each at 2/3) until one request is left (after 15 ms:
    // 20 ms of stack CPU done), then on one, the handler at full speed: its 10 ms done by 15 ms,
    // the rest by 25 ms
    expect(a.finished[0]?.[1]).toBeCloseTo(0.02, 12);
    expect(b.finished[0]?.[1]).toBeCloseTo(0.025, 12);
    expect(three.backgroundCpuSeconds).toBeCloseTo(0.03, 12);
  });

  it("releases a hold once the background work queued before it is done, in target order", () => {
    const stack = { name: "stack", cpuPerJob: 0.004, cpuPerInvocation: 0.006, threads: 1 };
    const host = new HostCpu({ cores: 2, environmentCores: 1, background: [stack] });
    host.addJob();
    const afterJob = host.queuedBackground;
    host.addInvocation();
    host.hold(host.queuedBackground, { kind: 2, id: 1 });
    host.hold(afterJob, { kind: 2, id: 0 });
    expect(host.takeReleased()).toEqual([]);
    let t = host.reschedule(0);
    host.advance(t);
    expect(t).toBeCloseTo(0.004, 12);
    expect(host.takeReleased()).toEqual([{ kind: 2, id: 0 }]);
    t = host.reschedule(t);
    host.advance(t);
    expect(t).toBeCloseTo(0.01, 12);
    expect(host.takeReleased()).toEqual([{ kind: 2, id: 1 }]);
    expect(Number.isFinite(host.reschedule(t))).toBe(false);
  });
});
