import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import type { AwsCredentials } from "../src/config.js";
import { canonicalPath, SqsRequestSigner } from "../src/sigv4.js";

// The reference: AWS's own signer (@smithy/signature-v4, what the SDK uses), on the same request.
async function smithySigned(
  credentials: AwsCredentials,
  region: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
  at: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: "sqs",
    region,
    credentials,
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query: {},
      headers,
      body,
    },
    { signingDate: at },
  );
  return signed.headers;
}

const CASES = [
  {
    name: "loopback ElasticMQ, dummy credentials",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9324",
    body: JSON.stringify({
      QueueUrl: "http://127.0.0.1:9324/000000000000/q",
      MaxNumberOfMessages: 10,
    }),
    at: new Date("2026-12-01T22:30:05.123Z"),
  },
  {
    name: "regional endpoint, a role's session credentials, non-ASCII body",
    credentials: {
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//token==",
    },
    region: "eu-west-1",
    endpoint: "https://sqs.eu-west-1.amazonaws.com/",
    body: JSON.stringify({ QueueUrl: "q", MessageBody: "Zürich – 東京 ✓" }),
    at: new Date("2027-01-31T23:59:59.999Z"),
  },
];

describe("the lean SigV4 signer", () => {
  it.each(CASES)("signs like AWS's signer: $name", async (c) => {
    // Prepare
    const url = new URL(c.endpoint);
    const headers = {
      host: url.host,
      "content-type": "application/x-amz-json-1.0",
      "content-length": String(Buffer.byteLength(c.body)),
      "x-amz-target": "AmazonSQS.SendMessage",
    };
    const reference = await smithySigned(c.credentials, c.region, url, headers, c.body, c.at);

    // Act
    const signed = new SqsRequestSigner(c.credentials, c.region, url.pathname).sign(
      headers,
      c.body,
      c.at,
    );

    // Assess
    expect(signed.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=.*Signature=[0-9a-f]{64}$/);
    expect(signed).toEqual(reference);
  });

  it("keeps the signing key of a day and derives a new one the next day", () => {
    // Prepare
    const signer = new SqsRequestSigner(
      { accessKeyId: "a", secretAccessKey: "s" },
      "us-east-1",
      "/",
    );
    const sign = (iso: string) =>
      signer.sign({ host: "h" }, "{}", new Date(iso)).authorization?.split("Signature=")[1];

    // Act
    const first = sign("2026-12-01T10:00:00Z");
    const nextDay = sign("2026-12-02T10:00:00Z");
    const again = sign("2026-12-01T10:00:00Z");

    // Assess
    expect(nextDay).not.toBe(first);
    expect(again).toBe(first);
  });

  it("builds SigV4's canonical path", () => {
    // Assess
    expect(canonicalPath("/")).toBe("/");
    expect(canonicalPath("")).toBe("");
    expect(canonicalPath("/a/./b/../c/")).toBe("/a/c/");
    expect(canonicalPath("/queue name(1)")).toBe("/queue%20name%281%29");
  });
});
