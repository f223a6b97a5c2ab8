import { describe, expect, it } from "vitest";
import {
  DEFAULT_LEAN_SQS_CONFIG,
  LeanSqsConfigError,
  leanSqsOptionsFromEnv,
  resolveLeanSqsConfig,
} from "../src/index.js";

const QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/results";

describe("the lean publisher's configuration", () => {
  it("reads a Lambda environment: region, the role's credentials, endpoint override, size limit", () => {
    const env = Object.freeze({
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKID",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
      AWS_ENDPOINT_URL_SQS: "https://sqs.example.test",
      MAX_MESSAGE_BYTES: "1048576",
    });

    const config = resolveLeanSqsConfig(leanSqsOptionsFromEnv(env, QUEUE));

    expect(config).toEqual({
      queueUrl: QUEUE,
      endpoint: "https://sqs.example.test",
      region: "eu-west-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token" },
      maxBatchBytes: 1_048_576,
      timeoutMs: DEFAULT_LEAN_SQS_CONFIG.timeoutMs,
      maxSockets: DEFAULT_LEAN_SQS_CONFIG.maxSockets,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("prefers SQS_ENDPOINT and otherwise uses the region's SQS endpoint", () => {
    const creds = { AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" };
    const local = { ...creds, SQS_ENDPOINT: "http://127.0.0.1:9324", AWS_ENDPOINT_URL_SQS: "x" };
    expect(resolveLeanSqsConfig(leanSqsOptionsFromEnv(local, QUEUE)).endpoint).toBe(
      "http://127.0.0.1:9324",
    );
    const aws = resolveLeanSqsConfig(
      leanSqsOptionsFromEnv({ ...creds, AWS_REGION: "ap-south-1" }, QUEUE),
    );
    expect(aws.endpoint).toBe("https://sqs.ap-south-1.amazonaws.com");
    const china = resolveLeanSqsConfig({
      queueUrl: QUEUE,
      region: "cn-north-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    expect(china.endpoint).toBe("https://sqs.cn-north-1.amazonaws.com.cn");
  });

  it("uses dummy credentials for a loopback endpoint only", () => {
    const local = resolveLeanSqsConfig({ queueUrl: QUEUE, endpoint: "http://127.0.0.1:9324" });
    expect(local.credentials.accessKeyId).toBe("local");
    expect(() => resolveLeanSqsConfig({ queueUrl: QUEUE })).toThrow(LeanSqsConfigError);
    expect(() =>
      resolveLeanSqsConfig({ queueUrl: QUEUE, endpoint: "http://sqs.example.test" }),
    ).toThrow(/credentials/);
  });

  it.each([
    ["a batch limit above SQS's 1 MiB", { maxBatchBytes: 1_048_577 }, "maxBatchBytes"],
    ["a fractional timeout", { timeoutMs: 1.5 }, "timeoutMs"],
    ["an endpoint that is not a URL", { endpoint: "sqs here" }, "endpoint"],
    ["an endpoint that is not HTTP", { endpoint: "ftp://127.0.0.1" }, "endpoint"],
    ["a region that is not a host name part", { region: "eu west" }, "region"],
  ])("rejects %s, naming the field", (_name, bad, field) => {
    const options = { queueUrl: QUEUE, endpoint: "http://127.0.0.1:9324", ...bad };
    expect(() => resolveLeanSqsConfig(options)).toThrow(
      expect.objectContaining({ field, code: "QS_LEAN_SQS_CONFIG" }),
    );
  });

  it("does not change the caller's options", () => {
    const options = { queueUrl: QUEUE, endpoint: "http://127.0.0.1:9324" };
    const copy = structuredClone(options);
    resolveLeanSqsConfig(options);
    expect(options).toEqual(copy);
  });
});
