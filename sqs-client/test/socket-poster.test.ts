// The raw-socket transport against real servers on 127.0.0.1: framing (Content-Length, chunked,
// 1xx), socket reuse and its limits, a server closing idle sockets, and answers that are not HTTP.
import { createServer as createHttpServer, type Server, type ServerResponse } from "node:http";
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Server as TcpServer,
} from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseAnswer } from "../src/http-answer.js";
import { type PostDeadline, SocketPoster } from "../src/index.js";

const servers: Array<Server | TcpServer> = [];
const posters: SocketPoster[] = [];

/** A node:http server that counts connections and answers each request with `answer`. */
async function httpServer(answer: (body: string, res: ServerResponse) => void) {
  const stats = { connections: 0, open: 0, maxOpen: 0 };
  const server = createHttpServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => answer(body, res));
  });
  server.on("connection", (socket) => {
    stats.connections += 1;
    stats.open += 1;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
    socket.on("close", () => {
      stats.open -= 1;
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    stats,
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
  };
}

function poster(url: URL, maxSockets = 4): SocketPoster {
  const p = new SocketPoster(url, maxSockets);
  posters.push(p);
  return p;
}

const within = (ms: number): PostDeadline => ({
  at: performance.now() + ms,
  ms,
  signal: undefined,
});
const post = (p: SocketPoster, body: string, ms = 2_000) =>
  p.post(
    { host: "127.0.0.1", "content-length": String(Buffer.byteLength(body)) },
    body,
    within(ms),
  );

afterEach(async () => {
  for (const p of posters.splice(0)) p.close();
  for (const s of servers.splice(0)) {
    if ("closeAllConnections" in s) s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe("SocketPoster", () => {
  it("reuses one socket for calls in a row and reads both Content-Length and chunked answers", async () => {
    const { stats, url } = await httpServer((body, res) => {
      if (body === "chunked") {
        res.write("ab"); // no length set: node:http frames this answer in chunks
        res.end("cé");
      } else res.writeHead(201, { "content-length": Buffer.byteLength(body) }).end(body);
    });
    const p = poster(url);
    expect(await post(p, "héllo")).toEqual({ status: 201, text: "héllo" });
    expect(await post(p, "chunked")).toEqual({ status: 200, text: "abcé" });
    expect(await post(p, "again")).toEqual({ status: 201, text: "again" });
    expect(stats.connections).toBe(1);
  });

  it("opens at most maxSockets sockets and queues the other calls", async () => {
    const { stats, url } = await httpServer((body, res) => {
      setTimeout(() => res.end(body), 30);
    });
    const p = poster(url, 2);
    const answers = await Promise.all(["1", "2", "3", "4", "5"].map((b) => post(p, b)));
    expect(answers.map((a) => a.text)).toEqual(["1", "2", "3", "4", "5"]);
    expect(stats.maxOpen).toBe(2);
  });

  it("opens a new socket once the server has closed an idle one, and after Connection: close", async () => {
    const { stats, url } = await httpServer((body, res) => {
      if (body === "last") res.setHeader("connection", "close");
      // The server closes the first socket once idle, as a keep-alive timeout does.
      const socket = res.socket;
      if (body === "first") res.on("finish", () => setTimeout(() => socket?.destroy(), 20));
      res.end(body);
    });
    const p = poster(url);
    await post(p, "first");
    await new Promise((r) => setTimeout(r, 100));
    expect(await post(p, "last")).toEqual({ status: 200, text: "last" });
    expect(await post(p, "after")).toEqual({ status: 200, text: "after" });
    expect(stats.connections).toBe(3);
  });

  it("fails with QS_SQS_TRANSPORT on an answer that is not HTTP, and on a refused connection", async () => {
    const tcp = createTcpServer((socket) => socket.resume().end("SSH-2.0-OpenSSH\r\n\r\n"));
    servers.push(tcp);
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    const url = new URL(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/`);
    await expect(post(poster(url), "x")).rejects.toMatchObject({ code: "QS_SQS_TRANSPORT" });
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
    servers.splice(servers.indexOf(tcp), 1);
    await expect(post(poster(url), "x")).rejects.toMatchObject({
      code: "QS_SQS_TRANSPORT",
      details: { staleSocket: false },
    });
  });

  it("fails a call at its own deadline, even one earlier than the calls before it", async () => {
    const held: ServerResponse[] = [];
    const { url } = await httpServer((body, res) => {
      if (body === "slow") held.push(res);
      else res.end(body);
    });
    const p = poster(url);
    const slow = post(p, "slow", 5_000);
    let slowSettled = false;
    void slow.then(() => {
      slowSettled = true;
    });
    const start = Date.now();
    await expect(
      p.post({ host: "127.0.0.1", "content-length": "4" }, "slow", within(50)),
    ).rejects.toMatchObject({
      code: "QS_SQS_TIMEOUT",
    });
    // The 50 ms call failed while the 5 s one is still waiting, not at the 5 s deadline.
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(slowSettled).toBe(false);
    for (const res of held) res.end("late");
    expect(await slow).toEqual({ status: 200, text: "late" });
    expect(await post(p, "after")).toEqual({ status: 200, text: "after" });
  });

  it("fails every call of an aborted signal, and at once when it was aborted before", async () => {
    const held: ServerResponse[] = [];
    const { stats, url } = await httpServer((_body, res) => held.push(res));
    const p = poster(url, 1);
    const abort = new AbortController();
    const signalled = (): PostDeadline => ({
      at: performance.now() + 5_000,
      ms: 5_000,
      signal: abort.signal,
    });
    const running = p.post({ host: "127.0.0.1", "content-length": "1" }, "a", signalled());
    const queued = p.post({ host: "127.0.0.1", "content-length": "1" }, "b", signalled());
    await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    await expect(running).rejects.toMatchObject({ code: "QS_SQS_ABORTED" });
    await expect(queued).rejects.toMatchObject({ code: "QS_SQS_ABORTED" });
    await expect(p.post({}, "", signalled())).rejects.toMatchObject({ code: "QS_SQS_ABORTED" });
    // Only the running call reached the server; the queued one never got a socket.
    expect(held).toHaveLength(1);
    expect(stats.connections).toBe(1);
  });

  it("skips a queued call that timed out and runs the next one on the freed socket", async () => {
    const { url } = await httpServer((body, res) => {
      setTimeout(() => res.end(body), body === "first" ? 120 : 0);
    });
    const p = poster(url, 1);
    const first = post(p, "first");
    const expired = post(p, "expired", 30);
    const next = post(p, "next");
    await expect(expired).rejects.toMatchObject({ code: "QS_SQS_TIMEOUT" });
    expect(await first).toEqual({ status: 200, text: "first" });
    expect(await next).toEqual({ status: 200, text: "next" });
  });

  it("reads an answer larger than its read buffer, delivered in many reads", async () => {
    const big = "é".repeat(150_000); // 300 KB of UTF-8, several 64 KiB reads
    const { url } = await httpServer((_body, res) => res.end(big));
    expect((await post(poster(url), "x")).text).toBe(big);
  });

  it("refuses an https endpoint (node:https serves those)", () => {
    expect(() => new SocketPoster(new URL("https://sqs.eu-west-1.amazonaws.com/"), 1)).toThrow(
      /plain http/,
    );
  });
});

describe("parseAnswer", () => {
  const bytes = (s: string) => Buffer.from(s, "latin1");

  it("waits for the whole answer, skips 1xx answers and reads chunk trailers", () => {
    const whole =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
      "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nx-trailer: 1\r\n\r\n";
    for (let cut = 0; cut < whole.length; cut += 7)
      expect(parseAnswer(bytes(whole.slice(0, cut)))).toBeUndefined();
    expect(parseAnswer(bytes(whole))).toEqual({
      res: { status: 200, text: "abcde" },
      keepAlive: true,
      end: whole.length,
    });
  });

  it("keeps HTTP/1.0 and Connection: close answers from reuse, and rejects an unframed body", () => {
    expect(parseAnswer(bytes("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"))?.keepAlive).toBe(
      false,
    );
    expect(
      parseAnswer(bytes("HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")),
    ).toEqual({ res: { status: 503, text: "" }, keepAlive: false, end: 59 });
    expect(() => parseAnswer(bytes("HTTP/1.1 200 OK\r\n\r\nbody"))).toThrow(/Content-Length/);
  });
});
