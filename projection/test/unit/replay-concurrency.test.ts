// A replay takes the run's concurrency settings: MaximumConcurrency in standard mode, or
// provisioned mode's pollers (10 invokes each from the start, aws-facts 0.3), and its account limit.
import { describe, expect, it } from "vitest";
import { replayConcurrency } from "../../src/fidelity.js";

describe("replayConcurrency", () => {
  it("keeps a standard run's MaximumConcurrency (at least 2) and starts that many environments", () => {
    expect(replayConcurrency({ maxConcurrency: 4, accountConcurrency: 1_000 })).toEqual({
      accountConcurrency: 1_000,
      maximumConcurrency: 4,
      initialEnvironments: 4,
    });
    expect(replayConcurrency({})).toEqual({ initialEnvironments: 2 });
  });

  it("replays a provisioned run as provisioned mode, its minimum pollers' invokes warm, capped by the account", () => {
    const provisioned = { minimumPollers: 2, maximumPollers: 4 };
    expect(
      replayConcurrency({
        maxConcurrency: 2,
        accountConcurrency: 5,
        provisionedPollerConfig: provisioned,
      }),
    ).toEqual({
      accountConcurrency: 5,
      mode: "provisioned",
      maximumConcurrency: null,
      minimumPollers: 2,
      maximumPollers: 4,
      initialEnvironments: 5,
    });
  });
});
