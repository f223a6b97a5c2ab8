// The built-in runtime's hand-written HTTP/1.1 connection against a real Unix-socket server that
// answers in awkward pieces: replies in order, bodies split mid-character, a missing length, a close.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RuntimeConnection } from "../../src/lambda/runtime/runtime-connection.js";

const dir = mkdtempSync(join(tmpdir(), "qs-rconn-"));
const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that hands each connection to `serve`, with what it received so far. */
async function listen(serve: (socket: Socket, received: () => string) => void): Promise<string> {
  const path = join(dir, `s-${Math.random().toString(36).slice(2)}.sock`);
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    sockets.push(socket);
    let text = "";
    socket.on("data", (c: Buffer) => {
      text += c.toString("utf8");
    });
    serve(socket, () => text);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

const response = (status: number, body: string, extra = "") =>
  `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe("RuntimeConnection", () => {
  it("writes pipelined requests in one go and settles replies in order, however they are split", async () => {
    // Prepare
    const first = response(202, '{"status":"OK"}');
    const second = response(200, '{"name":"Zoë ✓"}', "Lambda-Runtime-Aws-Request-Id: r-1\r\n");
    const wire = Buffer.from(first + second);
    let received = "";
    const path = await listen((socket, got) => {
      socket.once("data", async () => {
        received = got();
        // One byte at a time: headers, lengths and a multi-byte character all straddle chunks.
        for (const byte of wire) {
          socket.write(Buffer.from([byte]));
          await new Promise((r) => setImmediate(r));
        }
      });
    });
    const conn = await RuntimeConnection.open({ socketPath: path });

    // Act
    const [answer, next] = conn.send([
      { method: "POST", path: "/r/1/response", body: '{"ok":"é"}', headers: { "x-a": "1\r\nx" } },
      { method: "GET", path: "/next" },
    ]);
    const [a, n] = await Promise.all([answer, next]);

    // Assess
    expect(received).toBe(
      "POST /r/1/response HTTP/1.1\r\nHost: runtime\r\nx-a: 1 x\r\n" +
        'Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":"é"}' +
        "GET /next HTTP/1.1\r\nHost: runtime\r\n\r\n",
    );
    expect(a).toEqual({
      status: 202,
      headers: { "content-type": "application/json", "content-length": "15" },
      body: '{"status":"OK"}',
    });
    expect(n?.status).toBe(200);
    expect(n?.headers["lambda-runtime-aws-request-id"]).toBe("r-1");
    expect(n?.body).toBe('{"name":"Zoë ✓"}');
  });

  it("rejects a reply without a Content-Length, and every request once the socket closes", async () => {
    // Prepare
    const path = await listen((socket) => {
      socket.once("data", () =>
        socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
      );
    });
    const conn = await RuntimeConnection.open({ socketPath: path });
    const closing = await listen((socket) => socket.once("data", () => socket.end()));
    const closed = await RuntimeConnection.open({ socketPath: closing });

    // Act
    const [chunked, behind] = conn.send([
      { method: "GET", path: "/a" },
      { method: "GET", path: "/b" },
    ]);
    const [gone] = closed.send([{ method: "GET", path: "/next" }]);

    // Assess
    await expect(chunked).rejects.toThrow(/without Content-Length \(status 200\)/);
    await expect(behind).rejects.toThrow(/without Content-Length/);
    await expect(gone).rejects.toThrow(/closed/);
    const [after] = closed.send([{ method: "GET", path: "/next" }]);
    await expect(after).rejects.toThrow(/closed/);
  });
});
