// HTTP/1.1 POSTs on raw keep-alive sockets (plain http only): the request is one write of
// head and body, the answer is read by Content-Length or chunked framing. node:http's client
// (ClientRequest, agent, parser objects, streams) costs several times this file's JS per call,
// and the harness makes ~0.5 SQS calls per job on the cores the analyses run on (README,
// Performance). One request per socket at a time, no pipelining. Sockets read into one reused
// buffer (net's `onread`), not through a Readable stream that allocates a 64 KiB buffer per read.
import { connect, type Socket } from "node:net";
import { CallWatch, type WatchedCall } from "./call-watch.js";
import { LeanSqsConfigError, SqsCallError } from "./errors.js";
import { type Parsed, parseAnswer } from "./http-answer.js";
import type { HttpPoster, PostDeadline, RawResponse } from "./http-poster.js";
import { isReset, transportError } from "./http-poster.js";

/** The buffer a poster's sockets read into (one loopback read holds a full receive's ~55 KB). */
const READ_BUFFER_BYTES = 65_536;

/** One kept-alive socket; serves one exchange at a time. */
class Connection {
  readonly socket: Socket;
  /** It served an answer before: a reset on it may be the server closing it while idle. */
  reused = false;
  /** The incomplete answer so far, copied out of the shared read buffer. */
  #data: Buffer | undefined;
  #exchange: ((err: Error | undefined, parsed?: Parsed) => void) | undefined;

  constructor(host: string, port: number, readBuffer: Buffer, onGone: (c: Connection) => void) {
    this.socket = connect({
      host,
      port,
      noDelay: true,
      onread: { buffer: readBuffer, callback: (n) => this.#onData(readBuffer.subarray(0, n)) },
    });
    this.socket.on("error", (err: NodeJS.ErrnoException) => {
      const stale = this.reused && this.#data === undefined && isReset(err);
      this.#finish(transportError(err, stale));
    });
    this.socket.on("close", () => {
      const stale = this.reused && this.#data === undefined;
      this.#finish(transportError(new Error("socket closed before the answer"), stale));
      onGone(this);
    });
  }

  /** Writes the request in one go; `done` gets the answer or the failure. */
  send(request: string, done: (err: Error | undefined, parsed?: Parsed) => void): void {
    this.#exchange = done;
    this.#data = undefined;
    this.socket.write(request);
  }

  /** `chunk` lives in the shared read buffer: whatever is kept past this call is copied. */
  #onData(chunk: Buffer): boolean {
    if (this.#exchange === undefined) {
      this.socket.destroy(); // bytes nobody asked for: the stream is out of step
      return false;
    }
    const data = this.#data === undefined ? chunk : Buffer.concat([this.#data, chunk]);
    let parsed: Parsed;
    try {
      parsed = parseAnswer(data);
    } catch (err) {
      this.#finish(transportError(err as Error, false));
      this.socket.destroy();
      return false;
    }
    if (parsed === undefined) {
      this.#data = data === chunk ? Buffer.from(chunk) : data;
      return true;
    }
    const done = this.#exchange;
    // Bytes past the answer: the stream is out of step, so the socket is not reused.
    if (parsed.end < data.length) this.socket.destroy();
    this.#exchange = undefined;
    this.#data = undefined;
    done(undefined, parsed);
    return true;
  }

  #finish(err: Error): void {
    const done = this.#exchange;
    this.#exchange = undefined;
    done?.(err);
  }
}

/** One call: its request, its promise, and its connection once it runs (none while queued). */
class Exchange implements WatchedCall {
  conn: Connection | undefined;
  settled = false;
  readonly deadlineAt: number;
  readonly signal: AbortSignal | undefined;

  constructor(
    readonly request: string,
    private readonly deadline: PostDeadline,
    readonly resolve: (res: RawResponse) => void,
    readonly reject: (err: Error) => void,
    private readonly fail: (x: Exchange, err: Error) => void,
  ) {
    this.deadlineAt = deadline.at;
    this.signal = deadline.signal;
  }

  expire(why: "timeout" | "aborted"): void {
    const ms = this.deadline.ms;
    this.fail(
      this,
      why === "timeout"
        ? new SqsCallError("QS_SQS_TIMEOUT", `no complete response within ${ms} ms`)
        : new SqsCallError("QS_SQS_ABORTED", "aborted by the caller"),
    );
  }
}

/** `HttpPoster` on raw keep-alive sockets to one plain-http endpoint, at most `maxSockets` of them. */
export class SocketPoster implements HttpPoster {
  readonly #host: string;
  readonly #port: number;
  readonly #path: string;
  readonly #maxSockets: number;
  readonly #readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  readonly #watch = new CallWatch();
  readonly #fail = (x: Exchange, err: Error) => this.#settle(x, err);
  #idle: Connection[] = [];
  #open = new Set<Connection>();
  /** Calls waiting for a socket; one that timed out or aborted meanwhile is skipped. */
  #waiting: Exchange[] = [];
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
    return new Promise((resolve, reject) => {
      const x = new Exchange(request, deadline, resolve, reject, this.#fail);
      if (!this.#watch.watch(x))
        return reject(new SqsCallError("QS_SQS_ABORTED", "aborted by the caller"));
      if (this.#idle.length > 0 || this.#open.size < this.#maxSockets) this.#run(x);
      else this.#waiting.push(x);
    });
  }

  #run(x: Exchange): void {
    const c = this.#take();
    x.conn = c;
    c.send(x.request, (err, parsed) => {
      if (err || parsed === undefined) return this.#settle(x, err ?? new Error("no answer"));
      c.reused = true;
      if (parsed.keepAlive && !c.socket.destroyed) this.#release(c);
      else c.socket.destroy();
      this.#settle(x, undefined, parsed.res);
    });
  }

  /** Settles a call once; a failed one's socket is destroyed (its answer may still come). */
  #settle(x: Exchange, err: Error | undefined, res?: RawResponse): void {
    if (x.settled) return;
    x.settled = true;
    this.#watch.unwatch(x);
    if (err) {
      x.conn?.socket.destroy();
      x.reject(err);
    } else if (res) x.resolve(res);
  }

  /** An idle socket (the most recently used), or a new one. */
  #take(): Connection {
    for (let idle = this.#idle.pop(); idle !== undefined; idle = this.#idle.pop()) {
      if (idle.socket.destroyed) continue; // its close event is still on the way
      idle.socket.ref();
      return idle;
    }
    const c = new Connection(this.#host, this.#port, this.#readBuffer, (gone) => this.#gone(gone));
    this.#open.add(c);
    return c;
  }

  /** The next queued call that is still waiting. */
  #nextWaiting(): Exchange | undefined {
    let next = this.#waiting.shift();
    while (next?.settled) next = this.#waiting.shift();
    return next;
  }

  #release(c: Connection): void {
    const next = this.#nextWaiting();
    this.#idle.push(c);
    if (next !== undefined) this.#run(next);
    // An idle kept-alive socket does not keep the process alive (as node:http's agent does).
    else c.socket.unref();
  }

  #gone(c: Connection): void {
    this.#open.delete(c);
    this.#idle = this.#idle.filter((i) => i !== c);
    if (this.#closed) return;
    const next = this.#nextWaiting();
    if (next !== undefined) this.#run(next);
  }
}
