import { describe, expect, it } from "vitest";
import {
  AnalyticsError,
  CostModelError,
  defineErrorCatalogue,
  formatIssues,
  isErrorCatalogue,
  QueueshiftError,
  SettingError,
  toErrorBody,
} from "../../src/index.js";

describe("QueueshiftError", () => {
  it("keeps code, message, issues and cause; field defaults to the first issue's path", () => {
    // Prepare
    const cause = new Error("low level");
    const issues = [
      { path: "load.rate", message: "must be > 0" },
      { path: "seed", message: "must be an integer" },
    ];

    // Act
    const err = new QueueshiftError("QS_TEST_VALUE", "bad input", { issues, cause });

    // Assess
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe("QS_TEST_VALUE");
    expect(err.message).toBe("bad input");
    expect(err.issues).toEqual(issues);
    expect(err.field).toBe("load.rate");
    expect(err.cause).toBe(cause);
  });

  it("takes an explicit field, and has no field and no cause when given neither", () => {
    // Act
    const named = new QueueshiftError("QS_TEST_VALUE", "x", { field: "--rate", issues: [] });
    const bare = new QueueshiftError("QS_TEST_VALUE", "x");

    // Assess
    expect(named.field).toBe("--rate");
    expect(bare.field).toBeUndefined();
    expect(bare.issues).toEqual([]);
    expect("cause" in bare).toBe(false);
  });

  it("is the base of the catalogued errors, which keep their own names", () => {
    // Act
    const analytics = new AnalyticsError("QS_INVALID_REQUEST", "bad", {
      issues: [{ path: "dataset.size", message: "too big" }],
    });
    const cost = new CostModelError("QS_COST_INVALID_INPUT", [
      { path: "a", message: "x" },
      { path: "b", message: "y" },
    ]);
    const setting = new SettingError("PORT", "expected an integer");

    // Assess
    for (const err of [analytics, cost, setting]) expect(err).toBeInstanceOf(QueueshiftError);
    expect([analytics.name, cost.name, setting.name]).toEqual([
      "AnalyticsError",
      "CostModelError",
      "SettingError",
    ]);
    expect(cost.message).toBe("a: x (and 1 more)");
    expect(setting).toMatchObject({ code: "QS_SETTING_INVALID", field: "PORT" });
    expect(setting.message).toBe("PORT: expected an integer");
  });

  it("renders AnalyticsError's issues under the public body's `details` key", () => {
    // Prepare
    const issues = [{ path: "options.k", message: "must be at most 3" }];

    // Act
    const body = toErrorBody(new AnalyticsError("QS_K_TOO_LARGE", "k", { issues }), "Bad Request");

    // Assess
    expect(body).toEqual({
      statusCode: 400,
      code: "QS_K_TOO_LARGE",
      error: "Bad Request",
      message: "k",
      field: "options.k",
      details: issues,
    });
  });
});

describe("defineErrorCatalogue", () => {
  it("returns a frozen catalogue whose keys are only its codes, recognisable as a catalogue", () => {
    // Act
    const catalogue = defineErrorCatalogue({
      QS_TEST_ONE: { meaning: "one", fix: "fix one" },
      QS_TEST_TWO: { meaning: "two", fix: "fix two", extra: 2 },
    });

    // Assess
    expect(Object.keys(catalogue)).toEqual(["QS_TEST_ONE", "QS_TEST_TWO"]);
    expect(Object.isFrozen(catalogue)).toBe(true);
    expect(Object.isFrozen(catalogue.QS_TEST_TWO)).toBe(true);
    expect(catalogue.QS_TEST_TWO.extra).toBe(2);
    expect(isErrorCatalogue(catalogue)).toBe(true);
    expect(isErrorCatalogue({ QS_TEST_ONE: { meaning: "one", fix: "x" } })).toBe(false);
  });

  it("formats issues as one line", () => {
    // Act
    const text = formatIssues([
      { path: "a", message: "is wrong" },
      { path: "b[0]", message: "unknown field" },
    ]);

    // Assess
    expect(text).toBe("a: is wrong; b[0]: unknown field");
  });
});
