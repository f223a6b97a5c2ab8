import {
  ALL_ANALYSES,
  type AnalyzeRequest,
  AnalyzeResponse,
  analyze,
  parseAnalyzeRequest,
  WORKLOAD_NAMES,
  WORKLOADS,
} from "@queueshift/shared-model";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { describe, expect, it } from "vitest";
import { customer, inlineRequest } from "./fixtures.js";

const responseSchema = TypeCompiler.Compile(AnalyzeResponse);
const synthetic: AnalyzeRequest = { dataset: { kind: "synthetic", size: 2_000, seed: 31 } };

describe("analyze", () => {
  it("is deterministic: byte-identical JSON on repeated calls", () => {
    // Act
    const runs = [1, 2, 3].map(() => JSON.stringify(analyze(synthetic)));

    // Assess
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
  });

  it("runs every analysis by default and conforms to the response schema", () => {
    // Act
    const response = analyze(synthetic);

    // Assess
    expect(responseSchema.Check(response)).toBe(true);
    expect(response.schemaVersion).toBe(1);
    expect(response.datasetSize).toBe(2_000);
    for (const kind of ALL_ANALYSES) expect(response[kind]).toBeDefined();
  });

  it("returns only the requested sections, in a fixed order whatever the request's order", () => {
    // Prepare
    const customers = [customer({ monetary: 5 }), customer({ monetary: 50 })];

    // Act
    const a = analyze(inlineRequest(customers, ["conversion", "descriptive"]));
    const b = analyze(inlineRequest(customers, ["descriptive", "conversion"]));

    // Assess
    expect(Object.keys(a)).toEqual(["schemaVersion", "datasetSize", "descriptive", "conversion"]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("does not mutate the request", () => {
    // Prepare
    const request = inlineRequest([customer(), customer({ monetary: 99 })], ["rfm", "kmeans"], {
      k: 2,
    });
    const before = structuredClone(request);

    // Act
    analyze(request);

    // Assess
    expect(request).toEqual(before);
  });

  it("keeps floats to at most six decimals", () => {
    // Act
    const json = JSON.stringify(analyze(synthetic));

    // Assess
    expect(json).not.toMatch(/\.\d{7,}/);
    expect(json).not.toMatch(/e-\d/);
  });

  it("offers workload presets that are valid requests of increasing size", () => {
    // Act
    const sizes = WORKLOAD_NAMES.map((name) => {
      const request = parseAnalyzeRequest(structuredClone(WORKLOADS[name]));
      return request.dataset.kind === "synthetic" ? request.dataset.size : 0;
    });

    // Assess
    expect(sizes).toEqual([...sizes].sort((x, y) => x - y));
    expect(new Set(sizes).size).toBe(WORKLOAD_NAMES.length);
  });
});
