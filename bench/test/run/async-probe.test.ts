import { describe, expect, it } from "vitest";
import type { ArchitectureSession } from "../../src/run/arch-session.js";
import { AsyncProbe } from "../../src/run/async-probe.js";

// The probe reads only the session's engine and timeline here: a fake of those two is enough.
function probeWith(jobIdField?: string) {
  const samples: unknown[] = [];
  const session = {
    engine: { add: (s: unknown) => samples.push(s) },
    timeline: { seconds: () => 0 },
  } as unknown as ArchitectureSession;
  const probe = new AsyncProbe(session, jobIdField);
  let index = 0;
  const answer = (status: number, body: unknown) =>
    probe.onResponse({
      arrival: { index: index++, intendedUs: 0 },
      status,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return { probe, answer };
}

describe("AsyncProbe: which answers accept a job", () => {
  it("takes a 2xx with a string id at a nested field and counts every other answer below 400 as failed", () => {
    // Prepare
    const { probe, answer } = probeWith("job.id");
    probe.startPhase("measure", 0);

    // Act
    answer(202, { job: { id: "a" } });
    answer(201, { job: { id: "b" } });
    answer(200, { jobId: "c" }); // the id is not where the scenario says
    answer(200, { job: { id: 7 } }); // not a string
    answer(200, "not json");
    answer(202, { job: { id: "a" } }); // an id handed out twice
    answer(302, { job: { id: "d" } });
    answer(503, { error: "busy" }); // 4xx/5xx are the load counters' errors, not the probe's

    // Assess
    expect(probe.jobs.counts().accepted).toBe(2);
    expect(probe.unaccepted).toEqual({ notTwoXx: 1, noJobId: 3, reusedJobId: 1 });
    expect(probe.unacceptedTotal).toBe(5);
  });

  it("reads the built-in API's `jobId` by default and leaves warm-up answers out of the count", () => {
    // Prepare
    const { probe, answer } = probeWith();

    // Act
    answer(202, {}); // warm-up: not a measured arrival
    probe.startPhase("measure", 0);
    answer(202, { jobId: "m1", messageId: "x" });

    // Assess
    expect(probe.unacceptedTotal).toBe(0);
    expect(probe.jobs.counts().accepted).toBe(1);
    expect(probe.jobs.knows("m1")).toBe(true);
  });
});
