import { AnalyticsError, Limits, parseAnalyzeRequest } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";

const synthetic = { kind: "synthetic", size: 10, seed: 1 } as const;
const validCustomer = {
  id: "a",
  recencyDays: 1,
  frequency: 1,
  monetary: 1,
  channel: "email",
  campaign: "spring",
  converted: true,
};

/** Runs the validator and returns the error it threw (fails the test if it did not throw). */
function rejection(input: unknown): AnalyticsError {
  try {
    parseAnalyzeRequest(input);
  } catch (err) {
    if (err instanceof AnalyticsError) return err;
    throw err;
  }
  throw new Error("expected parseAnalyzeRequest to throw");
}

describe("parseAnalyzeRequest", () => {
  it.each([
    ["a missing dataset", {}, "dataset"],
    ["a body that is not an object", "hello", "(body)"],
    ["a wrong type", { dataset: { ...synthetic, size: "10" } }, "dataset.size"],
    ["an extra top-level field", { dataset: synthetic, foo: 1 }, "foo"],
    [
      "an extra customer field",
      { dataset: { kind: "inline", customers: [{ ...validCustomer, extra: 1 }] } },
      "dataset.customers[0].extra",
    ],
    [
      "a fractional frequency",
      { dataset: { kind: "inline", customers: [{ ...validCustomer, frequency: 1.5 }] } },
      "dataset.customers[0].frequency",
    ],
    ["k above the maximum", { dataset: synthetic, options: { k: Limits.maxK + 1 } }, "options.k"],
    [
      "an unsupported confidence level",
      { dataset: synthetic, options: { confidenceLevel: 0.97 } },
      "options.confidenceLevel",
    ],
    ["a repeated analysis", { dataset: synthetic, analyses: ["rfm", "rfm"] }, "analyses"],
    [
      "an empty inline dataset",
      { dataset: { kind: "inline", customers: [] } },
      "dataset.customers",
    ],
  ])("rejects %s with QS_INVALID_REQUEST naming the field", (_label, input, field) => {
    // Act
    const err = rejection(input);

    // Assess
    expect(err.code).toBe("QS_INVALID_REQUEST");
    expect(err.field).toBe(field);
    expect(err.httpStatus).toBe(400);
  });

  it("rejects a synthetic dataset over the limit with QS_DATASET_TOO_LARGE (413)", () => {
    // Act
    const err = rejection({ dataset: { ...synthetic, size: Limits.maxSyntheticCustomers + 1 } });

    // Assess
    expect(err.code).toBe("QS_DATASET_TOO_LARGE");
    expect(err.field).toBe("dataset.size");
    expect(err.httpStatus).toBe(413);
  });

  it("rejects too many inline customers with QS_DATASET_TOO_LARGE on dataset.customers", () => {
    // Prepare
    const customers = Array.from({ length: Limits.maxInlineCustomers + 1 }, (_, i) => ({
      ...validCustomer,
      id: `c${i}`,
    }));

    // Act
    const err = rejection({ dataset: { kind: "inline", customers } });

    // Assess
    expect(err.code).toBe("QS_DATASET_TOO_LARGE");
    expect(err.field).toBe("dataset.customers");
  });

  it("rejects k above the dataset size only when k-means runs", () => {
    // Prepare
    const tiny = { kind: "synthetic", size: 3, seed: 1 } as const;

    // Act
    const err = rejection({ dataset: tiny });
    const withoutKmeans = parseAnalyzeRequest({ dataset: tiny, analyses: ["rfm"] });

    // Assess
    expect(err.code).toBe("QS_K_TOO_LARGE");
    expect(err.field).toBe("options.k");
    expect(withoutKmeans.analyses).toEqual(["rfm"]);
  });
});
