// HTTP/1.1 POSTs on raw keep-alive sockets (plain http only): the request is one write of
// head and body, the answer is read by Content-Length or chunked framing. node:http's client
// (ClientRequest, agent, parser objects, streams) costs several times this file's JS per call,
// and the harness makes ~0.5 SQS calls per job on the cores the analyses run on (README,
// Performance). One request per socket at a time, no pipelining.
import { connect, type Socket } from "node:net";
import { LeanSqsConfigError } from "./errors.js";
import type { HttpPoster, PostDeadline, RawResponse } from "./http-poster.js";
import { isReset, settleWithin, transportError } from "./http-poster.js";

const HEAD_END = Buffer.from("\r\n\r\n");
const CRLF = Buffer.from("\r\n");

/** A parsed answer and the bytes it took; undefined while incomplete. */
type Parsed = { res: RawResponse; keepAlive: boolean; end: number } | undefined;

/** Parses one HTTP/1.1 answer from `data` (1xx answers skipped); throws on a malformed one. */
export function parseAnswer(data: Buffer): Parsed {
  let start = 0;
  for (;;) {
    const headEnd = data.indexOf(HEAD_END, start);
    if (headEnd < 0) return undefined;
    const lines = data.toString("latin1", start, headEnd).split("\r\n");
    const statusLine = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? "");
    if (statusLine === null) throw new Error(`not an HTTP/1.x answer: ${lines[0]}`);
    const status = Number(statusLine[2]);
    if (status >= 100 && status < 200) {
      start = headEnd + 4;
      continue;
    }
    let length: number | undefined;
    let chunked = false;
    let keepAlive = statusLine[1] === "1";
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === "content-length") length = Number(value);
      else if (name === "transfer-encoding") chunked = value.endsWith("chunked");
      else if (name === "connection") keepAlive = value === "keep-alive";
    }
    const bodyStart = headEnd + 4;
    if (chunked) return parseChunked(data, bodyStart, status, keepAlive);
    // Without a length the body runs to the close; this client sends nothing that gets one.
    if (length === undefined || !Number.isInteger(length) || length < 0)
      throw new Error("answer has neither a Content-Length nor chunked framing");
    if (data.length < bodyStart + length) return undefined;
    const text = data.toString("utf8", bodyStart, bodyStart + length);
    return { res: { status, text }, keepAlive, end: bodyStart + length };
  }
}

function parseChunked(data: Buffer, from: number, status: number, keepAlive: boolean): Parsed {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = data.indexOf(CRLF, at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.toString("latin1", at, lineEnd).split(";")[0] ?? "", 16);
    if (!Number.isInteger(size) || size < 0) throw new Error("bad chunk size");
    if (size === 0) {
      // The last chunk; trailers (none expected) end with an empty line, as the head does.
      if (data.length < lineEnd + 4) return undefined;
      const bare = data[lineEnd + 2] === 13 && data[lineEnd + 3] === 10;
      const trailersEnd = bare ? lineEnd + 4 : data.indexOf(HEAD_END, lineEnd + 2) + 4;
      if (trailersEnd < 4) return undefined;
      const text = Buffer.concat(parts).toString("utf8");
      return { res: { status, text }, keepAlive, end: trailersEnd };
    }
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** One kept-alive socket; serves one exchange at a time. */
class Connection {
  readonly socket: Socket;
  /** It served an answer before: a reset on it may be the server closing it while idle. */
  reused = false;
  #data: Buffer = Buffer.alloc(0);
  #exchange: ((err: Error | undefined, parsed?: Parsed) => void) | undefined;

  constructor(host: string, port: number, onGone: (c: Connection) => void) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    this.socket.on("error", (err: NodeJS.ErrnoException) => {
      const stale = this.reused && this.#data.length === 0 && isReset(err);
      this.#finish(transportError(err, stale));
    });
    this.socket.on("close", () => {
      const stale = this.reused && this.#data.length === 0;
      this.#finish(transportError(new Error("socket closed before the answer"), stale));
      onGone(this);
    });
  }

  /** Writes the request in one go; `done` gets the answer or the failure. */
  send(request: string, done: (err: Error | undefined, parsed?: Parsed) => void): void {
    this.#exchange = done;
    this.#data = Buffer.alloc(0);
    this.socket.write(request);
  }

  #onData(chunk: Buffer): void {
    if (this.#exchange === undefined) {
      this.socket.destroy(); // bytes nobody asked for: the stream is out of step
      return;
    }
    this.#data = this.#data.length === 0 ? chunk : Buffer.concat([this.#data, chunk]);
    let parsed: Parsed;
    try {
      parsed = parseAnswer(this.#data);
    } catch (err) {
      this.#finish(transportError(err as Error, false));
      this.socket.destroy();
      return;
    }
    if (parsed === undefined) return;
    const done = this.#exchange;
    // Bytes past the answer: the stream is out of step, so the socket is not reused.
    if (parsed.end < this.#data.length) this.socket.destroy();
    this.#exchange = undefined;
    this.#data = Buffer.alloc(0);
    done(undefined, parsed);
  }

  #finish(err: Error): void {
    const done = this.#exchange;
    this.#exchange = undefined;
    done?.(err);
  }
}

/** `HttpPoster` on raw keep-alive sockets to one plain-http endpoint, at most `maxSockets` of them. */
export class SocketPoster implements HttpPoster {
  readonly #host: string;
  readonly #port: number;
  readonly #path: string;
  readonly #maxSockets: number;
  #idle: Connection[] = [];
  #open = new Set<Connection>();
  #waiting: Array<() => void> = [];
  #closed = false;

  constructor(url: URL, maxSockets: number) {
    if (url.protocol !== "http:")
      throw new LeanSqsConfigError("endpoint", `raw sockets speak plain http, not ${url.protocol}`);
    this.#host = url.hostname.replace(/^\[(.*)\]$/, "$1"); // IPv6 literals go bare
    this.#port = Number(url.port || 80);
    this.#path = url.pathname;
    this.#maxSockets = maxSockets;
  }

  close(): void {
    this.#closed = true;
    for (const c of this.#open) c.socket.destroy();
  }

  post(
    headers: Record<string, string>,
    body: string,
    deadline: PostDeadline,
  ): Promise<RawResponse> {
    let head = `POST ${this.#path} HTTP/1.1\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    const request = `${head}\r\n${body}`;
    let conn: Connection | undefined;
    let queued: (() => void) | undefined;
    return settleWithin(
      deadline,
      () => {
        if (queued) this.#waiting = this.#waiting.filter((w) => w !== queued);
        conn?.socket.destroy(); // the answer may still come: the socket cannot be reused
      },
      (settle) => {
        const run = () => {
          queued = undefined;
          conn = this.#take();
          const c = conn;
          c.send(request, (err, parsed) => {
            if (err || parsed === undefined) return settle(err);
            c.reused = true;
            if (parsed.keepAlive && !c.socket.destroyed) this.#release(c);
            else c.socket.destroy();
            settle(undefined, parsed.res);
          });
        };
        if (this.#idle.length > 0 || this.#open.size < this.#maxSockets) return run();
        queued = run;
        this.#waiting.push(run);
      },
    );
  }

  /** An idle socket (the most recently used), or a new one. */
  #take(): Connection {
    for (let idle = this.#idle.pop(); idle !== undefined; idle = this.#idle.pop()) {
      if (idle.socket.destroyed) continue; // its close event is still on the way
      idle.socket.ref();
      return idle;
    }
    const c = new Connection(this.#host, this.#port, (gone) => this.#gone(gone));
    this.#open.add(c);
    return c;
  }

  #release(c: Connection): void {
    const next = this.#waiting.shift();
    if (next !== undefined) {
      this.#idle.push(c);
      next();
      return;
    }
    // An idle kept-alive socket does not keep the process alive (as node:http's agent does).
    c.socket.unref();
    this.#idle.push(c);
  }

  #gone(c: Connection): void {
    this.#open.delete(c);
    this.#idle = this.#idle.filter((i) => i !== c);
    if (this.#closed) return;
    this.#waiting.shift()?.();
  }
}
