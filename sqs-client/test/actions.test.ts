// The actions against a real node:http server on 127.0.0.1 standing in for SQS (ElasticMQ runs in
// bench/test/integration/sqs-adapter.test.ts): wire shapes in and out, long-poll bounds, aborts;
// over both transports (node:http and the raw sockets of socket-poster.ts).
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LeanSqs, SqsCallError } from "../src/index.js";

type Handler = (target: string, input: Record<string, unknown>, res: ServerResponse) => void;

let server: Server | undefined;
const clients: LeanSqs[] = [];
const QUEUE = "http://127.0.0.1:1/000000000000/q";

let sockets: "node-http" | "raw" = "node-http";

async function start(handler: Handler, timeoutMs = 1_000): Promise<LeanSqs> {
  server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => {
      body += c;
    });
    req.on("end", () =>
      handler(
        String(req.headers["x-amz-target"]),
        JSON.parse(body) as Record<string, unknown>,
        res,
      ),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = await LeanSqs.open({ endpoint: `http://127.0.0.1:${port}`, timeoutMs }, sockets);
  clients.push(client);
  return client;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(body));
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe.each(["node-http", "raw"] as const)("LeanSqs actions over %s sockets", (transport) => {
  beforeEach(() => {
    sockets = transport;
  });

  it("receives with attributes, decodes binary message attributes, asks for both attribute names", async () => {
    const inputs: Record<string, unknown>[] = [];
    const sqs = await start((target, input, res) => {
      inputs.push({ target, ...input });
      json(res, 200, {
        Messages: [
          {
            MessageId: "m1",
            ReceiptHandle: "rh1",
            Body: "hello",
            MD5OfBody: md5("hello"),
            Attributes: { ApproximateReceiveCount: "2" },
            MessageAttributes: { blob: { DataType: "Binary", BinaryValue: "AQID" } },
          },
        ],
      });
    });
    const [m] = await sqs.receiveMessage(QUEUE, {
      maxMessages: 10,
      waitTimeSeconds: 0,
      attributeNames: ["All"],
      messageAttributeNames: ["All"],
    });
    expect(m?.attributes.ApproximateReceiveCount).toBe("2");
    expect([...(m?.messageAttributes.blob?.binaryValue ?? [])]).toEqual([1, 2, 3]);
    expect(inputs[0]).toMatchObject({
      target: "AmazonSQS.ReceiveMessage",
      QueueUrl: QUEUE,
      MaxNumberOfMessages: 10,
      AttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
      MessageAttributeNames: ["All"],
    });
  });

  it("gives a long poll its wait on top of the call's bound, and still times out after both", async () => {
    const sqs = await start((_t, input, res) => {
      // 100 ms after the wait the caller asked for (as SQS on an empty queue), or after 2.6 s.
      const waitMs =
        input.WaitTimeSeconds === undefined ? 2_500 : Number(input.WaitTimeSeconds) * 1_000;
      setTimeout(() => json(res, 200, {}), waitMs + 100);
    }, 1_000);
    await expect(
      sqs.receiveMessage(QUEUE, { maxMessages: 1, waitTimeSeconds: 1 }),
    ).resolves.toEqual([]);
    await expect(sqs.getQueueAttributes(QUEUE, ["All"])).rejects.toMatchObject({
      code: "QS_SQS_TIMEOUT",
    });
  });

  it("rejects an aborted long poll with QS_SQS_ABORTED, already-aborted ones without a request", async () => {
    let requests = 0;
    const abort = new AbortController();
    const sqs = await start(() => {
      requests += 1; // never answers: only the abort (once the server holds the poll) ends the call
      abort.abort();
    });
    const poll = sqs.receiveMessage(QUEUE, {
      maxMessages: 1,
      waitTimeSeconds: 20,
      signal: abort.signal,
    });
    await expect(poll).rejects.toMatchObject({ code: "QS_SQS_ABORTED" });
    await expect(
      sqs.receiveMessage(QUEUE, { maxMessages: 1, waitTimeSeconds: 1, signal: abort.signal }),
    ).rejects.toBeInstanceOf(SqsCallError);
    expect(requests).toBe(1);
  });

  it("returns per-entry failures of batch calls: listed, unconfirmed and MD5-mismatched", async () => {
    const sqs = await start((target, _input, res) => {
      if (target === "AmazonSQS.DeleteMessageBatch")
        return json(res, 200, {
          Successful: [{ Id: "0" }],
          Failed: [{ Id: "1", Code: "ReceiptHandleIsInvalid", Message: "bad", SenderFault: true }],
        });
      json(res, 200, {
        Successful: [
          { Id: "a", MD5OfMessageBody: md5("A") },
          { Id: "b", MD5OfMessageBody: md5("not B") },
        ],
        Failed: [{ Id: "c", Code: "InternalError", Message: "try again" }],
      });
    });
    const deleted = await sqs.deleteMessageBatch(QUEUE, [
      { id: "0", receiptHandle: "ok" },
      { id: "1", receiptHandle: "bad" },
    ]);
    expect(deleted.failed).toEqual([
      { id: "1", code: "ReceiptHandleIsInvalid", message: "bad", senderFault: true },
    ]);
    const sent = await sqs.sendMessageBatch(QUEUE, [
      { id: "a", body: "A" },
      { id: "b", body: "B" },
      { id: "c", body: "C" },
      { id: "d", body: "D" },
    ]);
    expect(sent.failed.map((f) => [f.id, f.code])).toEqual([
      ["c", "InternalError"],
      ["b", "MD5Mismatch"],
      ["d", "Unconfirmed"],
    ]);
  });

  it("maps a missing queue to undefined in GetQueueUrl and to QS_SQS_HTTP elsewhere", async () => {
    const sqs = await start((_t, _i, res) =>
      json(res, 400, { __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "no queue" }),
    );
    expect(await sqs.getQueueUrl("nope")).toBeUndefined();
    await expect(sqs.deleteQueue(QUEUE)).rejects.toMatchObject({
      code: "QS_SQS_HTTP",
      details: { status: 400, awsType: "QueueDoesNotExist" },
    });
  });
});
