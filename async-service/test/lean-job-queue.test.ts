import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { LeanSqsJobQueue } from "../src/index.js";
import {
  type RecordingServer,
  sendJson,
  startRecordingServer,
} from "./support/recording-sqs-server.js";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
let server: RecordingServer | undefined;
let queue: LeanSqsJobQueue | undefined;

afterEach(async () => {
  queue?.close();
  await server?.close();
  queue = undefined;
  server = undefined;
});

async function open(): Promise<{ server: RecordingServer; queue: LeanSqsJobQueue }> {
  server = await startRecordingServer();
  queue = await LeanSqsJobQueue.create({
    queueUrl: `${server.url}/000000000000/jobs`,
    endpoint: server.url,
  });
  return { server, queue };
}

describe("the enqueue API's lean SQS queue", () => {
  it("sends one signed SendMessage and returns the confirmed message id", async () => {
    const { server, queue } = await open();
    server.reply = (req, res) =>
      sendJson(res, 200, {
        MessageId: "m-1",
        MD5OfMessageBody: md5(JSON.parse(req.body).MessageBody),
      });
    await expect(queue.send('{"job":1}')).resolves.toEqual({ messageId: "m-1" });
    const [req] = server.requests;
    expect(req?.headers["x-amz-target"]).toBe("AmazonSQS.SendMessage");
    expect(String(req?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(JSON.parse(req?.body ?? "{}")).toMatchObject({
      QueueUrl: `${server.url}/000000000000/jobs`,
      MessageBody: '{"job":1}',
    });
  });

  it("refuses a confirmation of a different body, so the API answers 503 instead of 202", async () => {
    const { server, queue } = await open();
    server.reply = (_req, res) =>
      sendJson(res, 200, { MessageId: "m-2", MD5OfMessageBody: md5("something else") });
    await expect(queue.send('{"job":2}')).rejects.toThrow(/MD5 mismatch/);
  });

  it("fails on an SQS error response and pings with GetQueueAttributes", async () => {
    const { server, queue } = await open();
    server.reply = (_req, res) =>
      sendJson(res, 400, { __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "no queue" });
    await expect(queue.send("{}")).rejects.toThrow();
    await expect(queue.ping()).rejects.toThrow();
    server.reply = (_req, res) =>
      sendJson(res, 200, { Attributes: { QueueArn: "arn:aws:sqs:us-east-1:0:jobs" } });
    await expect(queue.ping()).resolves.toBeUndefined();
    expect(server.requests.at(-1)?.headers["x-amz-target"]).toBe("AmazonSQS.GetQueueAttributes");
  });
});
