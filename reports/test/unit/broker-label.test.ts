import { describe, expect, it } from "vitest";
import { brokerLabel } from "../../src/format.js";
import { choosePrices, renderMarkdown, resolveProfile } from "../../src/index.js";
import { fixtureResult } from "../fixtures/result-fixture.js";

describe("the broker in reports", () => {
  it("names the broker kind and version for people", () => {
    expect(brokerLabel({ kind: "jvm", version: "1.7.1", endpoint: "http://127.0.0.1:1" })).toBe(
      "ElasticMQ 1.7.1 on the JVM (local)",
    );
    expect(brokerLabel({ kind: "external", endpoint: "https://sqs.us-east-1.amazonaws.com" })).toBe(
      "external SQS endpoint https://sqs.us-east-1.amazonaws.com",
    );
    expect(brokerLabel(null)).toBe("no broker (sync only)");
  });

  it("names the broker in the Markdown summary's opening lines", () => {
    const doc = fixtureResult();
    const md = renderMarkdown(doc, { profile: resolveProfile({}), prices: choosePrices() });
    const head = md.split("\n").slice(0, 6).join("\n");
    expect(head).toContain(`broker: ${brokerLabel(doc.broker)}`);
  });
});
