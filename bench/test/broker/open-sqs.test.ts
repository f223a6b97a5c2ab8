// Which client the harness gets for an endpoint (no traffic: choosing and building only).
import { LeanSqs } from "@queueshift/sqs-client";
import { describe, expect, it } from "vitest";
import { openSqs } from "../../src/broker/open-sqs.js";
import { SdkSqs } from "../../src/broker/sdk-sqs.js";

const AWS = "https://sqs.eu-west-1.amazonaws.com";

describe("openSqs", () => {
  it("uses the lean client for a loopback broker, and for real AWS with keys in the environment", async () => {
    const local = await openSqs({
      endpoint: "http://127.0.0.1:9324",
      region: "us-east-1",
      env: {},
    });
    const keyed = await openSqs({
      endpoint: AWS,
      region: "eu-west-1",
      env: { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "secret" },
    });
    try {
      expect(local).toBeInstanceOf(LeanSqs);
      expect(keyed).toBeInstanceOf(LeanSqs);
    } finally {
      local.close();
      keyed.close();
    }
  });

  it("falls back to the SDK (its credential chain) for real AWS without keys in the environment", async () => {
    const sqs = await openSqs({ endpoint: AWS, region: "eu-west-1", env: {} });
    try {
      expect(sqs).toBeInstanceOf(SdkSqs);
    } finally {
      sqs.close();
    }
  });
});
