/**
 * The built-in runtime's one connection to its Runtime API: HTTP/1.1 written by hand on one
 * kept-alive socket, with pipelining. After an invocation the runtime writes its answer and the
 * next `next` in a single write, so the platform reads both at once (one wake-up, one syscall each
 * side). node:http's client cannot pipeline, and its per-request machinery (agent, header checks,
 * parser) cost more CPU than the whole exchange (bench:handler-init). Only what the platform's
 * server sends is read: a status line, headers and a `Content-Length` body. The SQS client's
 * reader (sqs-client/src/http-answer.ts) is not shared: this runtime loads Node built-ins only
 * (it is the whole program of an execution environment, and its cold start is measured), and
 * it needs the headers that reader skips.
 */
import { connect, type Socket } from "node:net";

/** One HTTP response. Header names are lower case. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One request to write: `GET` without a body, or `POST` with a JSON body; either with extra headers. */
export interface RuntimeRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Waiter {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (err: Error) => void;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** A pipelining HTTP/1.1 connection; replies come back in the order the requests were sent. */
export class RuntimeConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  readonly #waiting: Waiter[] = [];
  #closed: Error | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("error", (err) => this.#fail(err));
    socket.on("close", () => this.#fail(new Error("Runtime API connection closed")));
  }

  /** Connects to a Unix socket path, or to `host:port`. */
  static open(
    target: { readonly socketPath: string } | { readonly host: string; readonly port: number },
  ): Promise<RuntimeConnection> {
    return new Promise((resolve, reject) => {
      const socket = "socketPath" in target ? connect(target.socketPath) : connect(target);
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new RuntimeConnection(socket));
      });
    });
  }

  /** Writes every request in one write; one promise per request, settled in order. */
  send<const R extends readonly RuntimeRequest[]>(requests: R): { [K in keyof R]: Promise<Reply> } {
    const replies = requests.map(
      () =>
        new Promise<Reply>((resolve, reject) => {
          if (this.#closed !== undefined) reject(this.#closed);
          else this.#waiting.push({ resolve, reject });
        }),
    );
    if (this.#closed === undefined) this.#socket.write(requests.map(format).join(""));
    // One promise per request, in order: the mapped tuple type says exactly that.
    return replies as { [K in keyof R]: Promise<Reply> };
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const end = this.#buffer.indexOf(HEADER_END);
      if (end < 0) return;
      const head = this.#buffer.toString("latin1", 0, end).split("\r\n");
      const status = Number(head[0]?.split(" ")[1]);
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers["content-length"]);
      if (!Number.isInteger(length) || length < 0) {
        this.#fail(new Error(`Runtime API reply without Content-Length (status ${status})`));
        return;
      }
      const start = end + HEADER_END.length;
      if (this.#buffer.length < start + length) return;
      const body = this.#buffer.toString("utf8", start, start + length);
      this.#buffer = this.#buffer.subarray(start + length);
      this.#waiting.shift()?.resolve({ status, headers, body });
    }
  }

  #fail(err: Error): void {
    if (this.#closed !== undefined) return;
    this.#closed = err;
    for (const w of this.#waiting.splice(0)) w.reject(err);
    this.#socket.destroy();
  }
}

function format(r: RuntimeRequest): string {
  let head = `${r.method} ${r.path} HTTP/1.1\r\nHost: runtime\r\n`;
  // A value never carries a line break (an error type is the handler's own text).
  for (const [name, value] of Object.entries(r.headers ?? {}))
    head += `${name}: ${value.replace(/[\r\n]+/g, " ")}\r\n`;
  if (r.body === undefined) return `${head}\r\n`;
  const length = Buffer.byteLength(r.body);
  return `${head}Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${r.body}`;
}
