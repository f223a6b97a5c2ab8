import { describe, expect, it } from "vitest";
import { LambdaPlatformError, resolveEventSourceMappingConfig } from "../../src/lambda/index.js";

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof LambdaPlatformError) return err.issues.map((d) => d.path);
    throw err;
  }
  return [];
}

describe("resolveEventSourceMappingConfig", () => {
  it("applies AWS's defaults and freezes the result", () => {
    // Act
    const config = resolveEventSourceMappingConfig();

    // Assess
    expect(config).toMatchObject({
      batchSize: 10,
      maximumBatchingWindowInSeconds: 0,
      waitTimeSeconds: 20,
      maxPayloadBytes: 6 * 1024 * 1024,
      scaling: { startingConcurrency: 5, scaleUpPerMinute: 300, concurrencyCap: 1_250 },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.scaling)).toBe(true);
  });

  it("reports every invalid option at once", () => {
    // Act
    const paths = issuesOf(() =>
      resolveEventSourceMappingConfig({
        batchSize: 10_001,
        maximumBatchingWindowInSeconds: 301,
        waitTimeSeconds: 21,
        scaling: { maximumConcurrency: 1 },
      }),
    );

    // Assess
    expect(paths).toEqual([
      "batchSize",
      "maximumBatchingWindowInSeconds",
      "waitTimeSeconds",
      "scaling.maximumConcurrency",
    ]);
  });

  it("requires a window of at least 1 s when BatchSize > 10", () => {
    // Act
    const noWindow = issuesOf(() => resolveEventSourceMappingConfig({ batchSize: 11 }));
    const withWindow = issuesOf(() =>
      resolveEventSourceMappingConfig({ batchSize: 10_000, maximumBatchingWindowInSeconds: 1 }),
    );

    // Assess
    expect(noWindow).toEqual(["maximumBatchingWindowInSeconds"]);
    expect(withWindow).toEqual([]);
  });

  it("accepts MaximumConcurrency 2..1,000 only", () => {
    // Act
    const edges = [2, 1_000].map((m) =>
      issuesOf(() => resolveEventSourceMappingConfig({ scaling: { maximumConcurrency: m } })),
    );
    const over = issuesOf(() =>
      resolveEventSourceMappingConfig({ scaling: { maximumConcurrency: 1_001 } }),
    );

    // Assess
    expect(edges).toEqual([[], []]);
    expect(over).toEqual(["scaling.maximumConcurrency"]);
  });

  it("does not mutate the caller's options", () => {
    // Prepare
    const options = { batchSize: 5, scaling: { maximumConcurrency: 10 } };

    // Act
    resolveEventSourceMappingConfig(options);

    // Assess
    expect(options).toEqual({ batchSize: 5, scaling: { maximumConcurrency: 10 } });
  });

  it("rejects provisioned mode together with MaximumConcurrency, as AWS does", () => {
    // Act
    const both = issuesOf(() =>
      resolveEventSourceMappingConfig({
        provisionedPollerConfig: { minimumPollers: 2, maximumPollers: 10 },
        scaling: { maximumConcurrency: 100 },
      }),
    );
    const provisionedOnly = issuesOf(() =>
      resolveEventSourceMappingConfig({
        provisionedPollerConfig: { minimumPollers: 2, maximumPollers: 10 },
      }),
    );

    // Assess
    expect(both).toEqual(["provisionedPollerConfig"]);
    expect(provisionedOnly).toEqual([]);
  });

  it("checks the pollers against AWS's ranges (min 2..200, max 2..2,000, max >= min)", () => {
    // Act
    const outOfRange = issuesOf(() =>
      resolveEventSourceMappingConfig({
        provisionedPollerConfig: { minimumPollers: 1, maximumPollers: 2_001 },
      }),
    );
    const inverted = issuesOf(() =>
      resolveEventSourceMappingConfig({
        provisionedPollerConfig: { minimumPollers: 50, maximumPollers: 10 },
      }),
    );

    // Assess
    expect(outOfRange).toEqual([
      "provisionedPollerConfig.minimumPollers",
      "provisionedPollerConfig.maximumPollers",
    ]);
    expect(inverted).toEqual(["provisionedPollerConfig.maximumPollers"]);
  });
});
