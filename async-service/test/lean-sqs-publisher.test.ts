// The lean publisher against a real node:http server on 127.0.0.1 that stands in for SQS.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LeanSqsOptions, LeanSqsResultPublisher, type SqsCallError } from "../src/index.js";
import {
  acceptAll,
  entriesOf,
  type RecordingServer,
  sendJson,
  startRecordingServer,
} from "./support/recording-sqs-server.js";
import { expectedSignature, parseAuthorization } from "./support/sigv4-verify.js";

const QUEUE_URL = "http://127.0.0.1:9324/000000000000/results";
const CREDENTIALS = {
  accessKeyId: "AKIDLEANTEST",
  secretAccessKey: "lean-secret",
  sessionToken: "lean-session",
};
let server: RecordingServer;
const publishers: LeanSqsResultPublisher[] = [];

async function publisher(options: Partial<LeanSqsOptions> = {}) {
  const errors: Array<{ error: SqsCallError; ids: readonly string[] }> = [];
  const p = await LeanSqsResultPublisher.create(
    {
      queueUrl: QUEUE_URL,
      endpoint: server.url,
      region: "eu-west-1",
      credentials: CREDENTIALS,
      ...options,
    },
    (error, ids) => errors.push({ error, ids }),
  );
  publishers.push(p);
  return { p, errors };
}

const results = (n: number, bodyBytes = 20) =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, body: `${i}:`.padEnd(bodyBytes, "x") }));

beforeEach(async () => {
  server = await startRecordingServer(acceptAll());
});

afterEach(async () => {
  for (const p of publishers.splice(0)) p.close();
  await server.close();
});

describe("LeanSqsResultPublisher", () => {
  it("sends a signed JSON 1.0 SendMessageBatch and reports SQS's Failed entries", async () => {
    server.reply = acceptAll(new Set(["r1"]));
    const { p, errors } = await publisher();

    const failed = await p.publish(results(3));

    expect([...failed]).toEqual(["r1"]);
    expect(errors).toEqual([]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    if (!request) throw new Error("no request recorded");
    expect(request.method).toBe("POST");
    expect(request.headers["x-amz-target"]).toBe("AmazonSQS.SendMessageBatch");
    expect(request.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(request.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers["x-amz-security-token"]).toBe("lean-session");
    const auth = String(request.headers.authorization);
    expect(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDLEANTEST/")).toBe(true);
    expect(parseAuthorization(auth)).toMatchObject({ region: "eu-west-1", service: "sqs" });
    expect(parseAuthorization(auth).signedHeaders).toEqual(
      expect.arrayContaining(["host", "x-amz-date", "x-amz-target", "x-amz-security-token"]),
    );
    expect(parseAuthorization(auth).signature).toBe(expectedSignature(request, "lean-secret"));
    expect(JSON.parse(request.body)).toEqual({
      QueueUrl: QUEUE_URL,
      Entries: results(3).map((r) => ({ Id: r.id, MessageBody: r.body })),
    });
  });

  it("fails the whole chunk on an HTTP error and says why", async () => {
    server.reply = (_r, res) =>
      sendJson(res, 500, { __type: "com.amazonaws.sqs#InternalError", message: "boom" });
    const { p, errors } = await publisher();

    const failed = await p.publish(results(4));

    expect([...failed].sort()).toEqual(["r0", "r1", "r2", "r3"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error).toMatchObject({
      code: "QS_SQS_HTTP",
      details: { status: 500, awsType: "InternalError" },
    });
    expect(errors[0]?.error.message).toContain("boom");
  });

  it("fails the whole chunk when the connection is closed without an answer", async () => {
    server.reply = (_r, res) => res.socket?.destroy();
    const { p, errors } = await publisher();

    const failed = await p.publish(results(2));

    expect([...failed].sort()).toEqual(["r0", "r1"]);
    expect(errors[0]?.error.code).toBe("QS_SQS_TRANSPORT");
  });

  it("fails the whole chunk when no answer comes within the call's time bound", async () => {
    server.reply = () => {}; // never answers; closeAllConnections in afterEach ends the socket
    const { p, errors } = await publisher({ timeoutMs: 100 });

    const failed = await p.publish(results(2));

    expect([...failed].sort()).toEqual(["r0", "r1"]);
    expect(errors[0]?.error.code).toBe("QS_SQS_TIMEOUT");
  });

  it("treats entries SQS did not confirm, or confirmed with a wrong MD5, as failed", async () => {
    server.reply = (request, res) => {
      const [first] = entriesOf(request);
      sendJson(res, 200, {
        Successful: [{ Id: first?.Id, MessageId: "m", MD5OfMessageBody: "0".repeat(32) }],
        Failed: [],
      });
    };
    const { p } = await publisher();

    const failed = await p.publish(results(2));

    expect([...failed].sort()).toEqual(["r0", "r1"]);
  });

  it("sends at most 10 entries per call", async () => {
    const { p } = await publisher();

    const failed = await p.publish(results(23));

    expect(failed.size).toBe(0);
    expect(server.requests.map((r) => entriesOf(r).length)).toEqual([10, 10, 3]);
  });

  it("keeps each call within maxBatchBytes and fails only the chunk that failed", async () => {
    let calls = 0;
    server.reply = (request, res) => {
      calls += 1;
      if (calls === 2) sendJson(res, 503, { __type: "ServiceUnavailable", message: "busy" });
      else acceptAll()(request, res, undefined as never);
    };
    const { p } = await publisher({ maxBatchBytes: 1_000 });

    const failed = await p.publish(results(5, 400));

    expect(server.requests.map((r) => entriesOf(r).map((e) => e.Id))).toEqual([
      ["r0", "r1"],
      ["r2", "r3"],
      ["r4"],
    ]);
    expect([...failed].sort()).toEqual(["r2", "r3"]);
  });

  it("retries once on a fresh connection when a kept-alive one was closed by the server", async () => {
    const served = new Set<number>();
    server.reply = (request, res, req) => {
      // The second request on a connection finds it reset, as after an idle close.
      if (served.has(request.connection)) req.socket.destroy();
      else {
        served.add(request.connection);
        acceptAll()(request, res, req);
      }
    };
    const { p, errors } = await publisher();

    const first = await p.publish(results(1));
    const second = await p.publish(results(1));

    expect(first.size + second.size).toBe(0);
    expect(errors).toEqual([]);
    expect(server.requests.map((r) => r.connection)).toEqual([1, 1, 2]);
  });
});
