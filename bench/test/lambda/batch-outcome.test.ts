import type { SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import {
  decideBatch,
  type InvocationResult,
  LambdaPlatformError,
  toSqsRecord,
} from "../../src/lambda/index.js";
import { message } from "./fakes.js";

const source = {
  eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:jobs",
  awsRegion: "us-east-1",
};
const records: SQSRecord[] = ["m1", "m2", "m3", "m4"].map((id) => toSqsRecord(message(id), source));
const report = {
  requestId: "r",
  environmentId: "e",
  durationMs: 1,
  billedDurationMs: 1,
  memorySizeMB: 128,
  maxMemoryUsedMB: 40,
};
const ok = (response: unknown): InvocationResult => ({ ok: true, response, report });
const rbif = { reportBatchItemFailures: true, malformedBatchResponse: "delete-all" } as const;
const deletedIds = (d: ReturnType<typeof decideBatch>) => d.toDelete.map((r) => r.messageId);

describe("decideBatch", () => {
  it("deletes exactly the records not reported in batchItemFailures", () => {
    // Act
    const d = decideBatch(
      records,
      ok({ batchItemFailures: [{ itemIdentifier: "m2" }, { itemIdentifier: "m4" }] }),
      rbif,
    );

    // Assess
    expect(d.outcome).toBe("partial");
    expect(deletedIds(d)).toEqual(["m1", "m3"]);
    expect(d.toRetry).toEqual(["m2", "m4"]);
  });

  it("treats null, empty and missing failure lists as complete success", () => {
    for (const response of [
      undefined,
      null,
      {},
      { batchItemFailures: [] },
      { batchItemFailures: null },
    ]) {
      // Act
      const d = decideBatch(records, ok(response), rbif);

      // Assess
      expect(d.outcome).toBe("success");
      expect(deletedIds(d)).toEqual(["m1", "m2", "m3", "m4"]);
    }
  });

  it("deletes nothing when the invocation failed", () => {
    // Prepare
    const failed: InvocationResult = {
      ok: false,
      error: new LambdaPlatformError("QS_LAMBDA_TIMEOUT", "Task timed out after 3 seconds"),
    };

    // Act
    const d = decideBatch(records, failed, rbif);

    // Assess
    expect(d.outcome).toBe("error");
    expect(d.toDelete).toEqual([]);
    expect(d.toRetry).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("ignores batchItemFailures when ReportBatchItemFailures is off", () => {
    // Act
    const d = decideBatch(records, ok({ batchItemFailures: [{ itemIdentifier: "m1" }] }), {
      ...rbif,
      reportBatchItemFailures: false,
    });

    // Assess
    expect(deletedIds(d)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("treats a malformed response as aws-facts says (success), or as a failure when configured", () => {
    // Prepare: a receipt handle instead of the message id, and a wrong key
    const malformed = [
      { batchItemFailures: [{ itemIdentifier: "rh-m1" }] },
      { batchItemFailures: [{ id: "m1" }] },
      { batchItemFailures: "m1" },
      "not an object",
    ];
    for (const response of malformed) {
      // Act
      const asFacts = decideBatch(records, ok(response), rbif);
      const strict = decideBatch(records, ok(response), {
        ...rbif,
        malformedBatchResponse: "retry-all",
      });

      // Assess
      expect(asFacts).toMatchObject({ outcome: "success", malformed: true });
      expect(deletedIds(asFacts)).toHaveLength(4);
      expect(strict).toMatchObject({ outcome: "error", malformed: true, toDelete: [] });
    }
  });
});
