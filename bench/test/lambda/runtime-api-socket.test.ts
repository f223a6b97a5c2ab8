// The Runtime API on the built-in runtime's Unix socket (the lean SocketServer), driven with raw
// socket writes and node:http's client: the same routes and codes as over TCP, pipelined answers
// and `next`s, the answer's 202 written together with the next event, framing it refuses.
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RuntimeApiServer } from "../../src/lambda/runtime-api/runtime-api-server.js";

const ARN = "arn:aws:lambda:us-east-1:000000000000:function:socket";
const base = "/2018-06-01/runtime";
let api: RuntimeApiServer | undefined;
const clients: Socket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await api?.close();
  api = undefined;
});

async function start(maxResponseBytes?: number): Promise<string> {
  const socketPath = join(
    tmpdir(),
    `qs-sock-${process.pid}-${Math.random().toString(36).slice(2)}.sock`,
  );
  api = await RuntimeApiServer.start({
    functionArn: ARN,
    socketPath,
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
  });
  return socketPath;
}

/** A raw client: everything it received so far, and a wait for a given number of replies. */
async function rawClient(socketPath: string) {
  const socket = connect(socketPath);
  clients.push(socket);
  await new Promise((resolve) => socket.once("connect", resolve));
  let received = "";
  socket.setEncoding("utf8").on("data", (c: string) => {
    received += c;
  });
  const replies = () => received.split(/(?=HTTP\/1\.1 )/).filter((r) => r !== "");
  const waitFor = async (n: number) => {
    for (let i = 0; i < 200 && replies().length < n; i++)
      await new Promise((r) => setTimeout(r, 10));
    return replies();
  };
  return { socket, replies, waitFor };
}

const next = `GET ${base}/invocation/next HTTP/1.1\r\nHost: runtime\r\n\r\n`;
const answer = (id: string, body: string) =>
  `POST ${base}/invocation/${id}/response HTTP/1.1\r\nHost: runtime\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe("the Runtime API on its Unix socket", () => {
  it("writes a pipelined answer's 202 with the next event, after the platform has the answer", async () => {
    // Prepare
    const path = await start();
    const client = await rawClient(path);
    client.socket.write(next);
    const first = api?.invoke({
      requestId: "r-1",
      body: '{"n":1}',
      deadlineMs: Date.now() + 5_000,
    });
    await client.waitFor(1);

    // Act: the answer and the next `next` in one write, as the built-in runtime sends them
    client.socket.write(answer("r-1", '{"ok":"é"}') + next);
    const outcome = await first;
    await new Promise((r) => setTimeout(r, 50));
    const beforeNext = client.replies().length;
    void api?.invoke({ requestId: "r-2", body: '{"n":2}', deadlineMs: Date.now() + 5_000 });
    const replies = await client.waitFor(3);

    // Assess
    expect(outcome).toMatchObject({ type: "response", body: '{"ok":"é"}' });
    expect(beforeNext).toBe(1); // the 202 waited for the next event
    expect(replies[1]).toMatch(/^HTTP\/1\.1 202 Accepted\r\n[\s\S]*\r\n\r\n\{"status":"OK"\}$/);
    expect(replies[2]).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(replies[2]).toMatch(/\r\nlambda-runtime-aws-request-id: r-2\r\n/);
    expect(replies[2]?.endsWith('\r\n\r\n{"n":2}')).toBe(true);
  });

  it("answers a lone answer at once, errors at once, and an unknown route with 404", async () => {
    const path = await start(1_024);
    const client = await rawClient(path);
    client.socket.write(next);
    const pending = api?.invoke({ requestId: "r-3", body: "{}", deadlineMs: Date.now() + 5_000 });
    await client.waitFor(1);
    client.socket.write(answer("r-3", JSON.stringify("x".repeat(2_000))));
    const [, tooLarge] = await client.waitFor(2);
    expect(tooLarge).toMatch(/^HTTP\/1\.1 413 /);
    expect(await pending).toMatchObject({
      type: "error",
      error: { errorType: "Function.ResponseSizeTooLarge" },
    });
    client.socket.write(`${answer("no-such-id", "{}")}GET ${base}/nowhere HTTP/1.1\r\n\r\n`);
    const replies = await client.waitFor(4);
    expect(replies[2]).toMatch(/^HTTP\/1\.1 400 [\s\S]*InvalidRequestID/);
    expect(replies[3]).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("serves node:http's client, and refuses a chunked body with 400 and a close", async () => {
    const socketPath = await start();
    const post = (path: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ socketPath, method: "POST", path: `${base}/${path}` }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end(body);
      });
    const status = await post(
      "init/error",
      '{"errorMessage":"boom","errorType":"Runtime.ImportModuleError"}',
    );
    expect(await post("invocation/x/response", "{}")).toBe(400);
    expect(status).toBe(202);
    expect(await api?.initOutcome()).toMatchObject({
      type: "init-error",
      error: { errorType: "Runtime.ImportModuleError", errorMessage: "boom" },
    });
    const client = await rawClient(socketPath);
    const closed = new Promise((resolve) => client.socket.once("close", resolve));
    client.socket.write(
      `POST ${base}/init/error HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    );
    await closed;
    expect(client.replies()[0]).toMatch(/^HTTP\/1\.1 400 /);
  });
});
