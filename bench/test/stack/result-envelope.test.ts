import { describe, expect, it } from "vitest";
import { parseEnvelope } from "../../src/stack/result-collector.js";

const envelope = {
  v: 1,
  jobId: 'job-"1",\\',
  status: "succeeded",
  receiveCount: 2,
  environmentId: "2026/12/02/[$LATEST]abc",
  coldStart: false,
  timings: { submittedAt: 1, sentAt: 2, firstReceivedAt: 3, handlerStartAt: 4, handlerEndAt: 5 },
  // Look-alikes of the member inside the analysis: a nested key and a string value.
  analysis: { analysis: 1, note: ',"analysis":', rows: [{ analysis: [1, 2] }] },
};

describe("parseEnvelope", () => {
  it("parses every member but the analysis up front, and the analysis when it is read", () => {
    const { analysis: _skipped, ...head } = envelope;
    const parsed = parseEnvelope(JSON.stringify(envelope));
    expect(parsed).toEqual(head);
    // The analysis is parsed on first read, and is the one the body carried.
    expect(parsed.analysis).toEqual(envelope.analysis);
  });

  it("parses a failed result (no analysis) and a body that is not the handler's shape whole", () => {
    const failed = {
      ...envelope,
      status: "failed",
      error: { code: "QS_RESULT_TOO_LARGE", message: "big" },
    };
    const { analysis: _none, ...noAnalysis } = failed;
    expect(parseEnvelope(JSON.stringify(noAnalysis))).toEqual(noAnalysis);
    // A nested `analysis` first: the cut head does not parse, so the whole body decides.
    const nested = { a: { b: 1, analysis: 2 }, jobId: "j" };
    expect(parseEnvelope(JSON.stringify(nested))).toEqual(nested);
  });

  it("throws on a body that is not JSON, so the collector counts it malformed", () => {
    expect(() => parseEnvelope('{"jobId":"j","analysis":')).toThrow();
    expect(() => parseEnvelope("not json")).toThrow();
  });
});
