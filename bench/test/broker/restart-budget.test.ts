import { describe, expect, it } from "vitest";
import { RestartBudget } from "../../src/broker/index.js";

describe("RestartBudget", () => {
  it("allows maxRestarts within the window, then refuses until the oldest leaves it", () => {
    // Prepare
    let now = 0;
    const budget = new RestartBudget({ maxRestarts: 3, windowMs: 60_000 }, () => now);

    // Act
    const first = [0, 10_000, 20_000].map((at) => {
      now = at;
      return budget.take();
    });
    now = 59_999;
    const fourthInWindow = budget.take();
    now = 60_000;
    const afterOldestLeft = budget.take();

    // Assess
    expect(first).toEqual([true, true, true]);
    expect(fourthInWindow).toBe(false);
    expect(afterOldestLeft).toBe(true);
    expect(budget.used()).toBe(3);
    expect(budget.describe()).toBe("3 restarts within 60 s");
  });

  it("never restarts with maxRestarts 0", () => {
    // Prepare
    const budget = new RestartBudget({ maxRestarts: 0, windowMs: 1_000 }, () => 0);

    // Act / Assess
    expect(budget.take()).toBe(false);
    expect(budget.describe()).toBe("0 restarts within 1 s");
  });
});
