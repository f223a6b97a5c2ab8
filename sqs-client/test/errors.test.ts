import { QueueshiftError } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  LeanSqsConfigError,
  resolveLeanSqsConfig,
  SqsCallError,
  SqsErrorCodes,
} from "../src/index.js";

describe("the lean client's errors", () => {
  it("are QueueshiftErrors: a call error keeps its code, details and cause", () => {
    // Prepare
    const cause = new Error("socket hang up");

    // Act
    const error = new SqsCallError("QS_SQS_TRANSPORT", "connection failed", {}, { cause });

    // Assess
    expect(error).toBeInstanceOf(QueueshiftError);
    expect(error).toMatchObject({ name: "SqsCallError", code: "QS_SQS_TRANSPORT", cause });
    expect(error.details).toEqual({});
    expect(error.issues).toEqual([]);
  });

  it("name the offending setting of a configuration error as its field and its one issue", () => {
    // Act
    const thrown = (() => {
      try {
        resolveLeanSqsConfig({ queueUrl: "ftp://127.0.0.1/q", endpoint: "http://127.0.0.1:9324" });
      } catch (err) {
        return err;
      }
    })();

    // Assess
    expect(thrown).toBeInstanceOf(LeanSqsConfigError);
    expect(thrown).toBeInstanceOf(QueueshiftError);
    expect(thrown).toMatchObject({ code: "QS_LEAN_SQS_CONFIG", field: "queueUrl" });
    expect((thrown as LeanSqsConfigError).issues).toEqual([
      { path: "queueUrl", message: expect.stringContaining("http or https") },
    ]);
  });

  it("come from one catalogue that documents every code", () => {
    // Assess
    expect(Object.keys(SqsErrorCodes)).toContain("QS_LEAN_SQS_CONFIG");
    for (const entry of Object.values(SqsErrorCodes)) expect(entry.fix.length).toBeGreaterThan(5);
  });
});
