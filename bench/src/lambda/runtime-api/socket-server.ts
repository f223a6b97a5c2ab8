// The Runtime API's server on the built-in runtime's Unix socket: HTTP/1.1 read and written by
// hand, as the runtime's own connection (../runtime/runtime-connection.ts) is. node:http's server
// (parser, IncomingMessage and ServerResponse streams, header checks) was ~12 % of the harness's
// CPU at saturation, two exchanges per invocation (bench:async-overhead, perf profile). It reads
// what that runtime and node:http's client send: a request line, headers and a Content-Length
// body (no chunked bodies), pipelined or not. Replies go out in request order; a 2xx reply whose
// connection already holds a later request still unanswered waits for that one's reply, so the
// runtime's pipelined answer and `next` get their 202 and the next event in one write (one
// wake-up of the environment instead of two). The 202 then reaches the runtime when the next
// event does; no time the platform measures depends on it (the duration ends when the answer
// arrives). AWS's runtime clients speak TCP, which node:http serves (runtime-api-server.ts).
import { STATUS_CODES } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import type { ApiBody, ApiReply, ApiRequest } from "./http-io.js";

const HEAD_END = Buffer.from("\r\n\r\n");

/** Handles one parsed request; it answers through `reply`, now or later. */
export type ApiHandler = (request: ApiRequest, reply: ApiReply) => void;

/** One request's place in its connection's reply order. */
interface Slot {
  out: string | undefined;
  status: number;
  readonly closeAfter: boolean;
  onClose: (() => void) | undefined;
}

/** One connection: requests parsed as they arrive, replies written in order. */
class Connection {
  /** Bytes received and not yet parsed, as chunks (joined once a whole request is there). */
  #chunks: Buffer[] = [];
  #size = 0;
  /** Bytes the request being received needs in all; 0 while its head is incomplete. */
  #need = 0;
  readonly #slots: Slot[] = [];

  constructor(
    private readonly socket: Socket,
    private readonly handle: ApiHandler,
    private readonly limit: number,
  ) {
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      for (const slot of this.#slots.splice(0)) if (slot.out === undefined) slot.onClose?.();
    });
  }

  #onData(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    if (this.#size < this.#need) return;
    let data = this.#chunks.length === 1 ? chunk : Buffer.concat(this.#chunks);
    for (;;) {
      this.#keep(data);
      const headEnd = data.indexOf(HEAD_END);
      if (headEnd < 0) return;
      const lines = data.toString("latin1", 0, headEnd).split("\r\n");
      const [method = "", target = ""] = (lines[0] ?? "").split(" ");
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(":");
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get("content-length") ?? 0);
      if (headers.has("transfer-encoding") || !Number.isInteger(length) || length < 0) {
        // Framing this server does not read: answer once and close (the stream is out of step).
        this.socket.end(
          "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
        this.#keep(Buffer.alloc(0));
        return;
      }
      const start = headEnd + HEAD_END.length;
      if (data.length < start + length) {
        this.#need = start + length;
        return;
      }
      const tooLarge = length > this.limit;
      const text = tooLarge ? "" : data.toString("utf8", start, start + length);
      data = data.subarray(start + length);
      this.#keep(data);
      this.#dispatch(method, target, headers, { text, tooLarge });
    }
  }

  /** `data` is what is left unparsed. */
  #keep(data: Buffer): void {
    this.#chunks = data.length === 0 ? [] : [data];
    this.#size = data.length;
    this.#need = 0;
  }

  #dispatch(method: string, target: string, headers: Map<string, string>, body: ApiBody): void {
    const slot: Slot = {
      out: undefined,
      status: 0,
      closeAfter: headers.get("connection")?.toLowerCase() === "close",
      onClose: undefined,
    };
    this.#slots.push(slot);
    const request: ApiRequest = {
      method,
      path: target.split("?")[0] ?? "",
      header: (name) => headers.get(name),
      body: () => Promise.resolve(body),
    };
    const reply: ApiReply = {
      send: (status, extra, text) => {
        if (slot.out !== undefined || this.socket.destroyed) return;
        let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n`;
        for (const name in extra) head += `${name}: ${extra[name]}\r\n`;
        slot.status = status;
        slot.out = `${head}content-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
        this.#flush();
      },
      onClose: (listener) => {
        slot.onClose = listener;
      },
    };
    this.handle(request, reply);
  }

  /** Writes the answered replies at the head of the order in one write. */
  #flush(): void {
    let out = "";
    let close = false;
    for (let slot = this.#slots[0]; slot?.out !== undefined; slot = this.#slots[0]) {
      const later = this.#slots[1];
      // A 2xx waits for the reply after it (see the top of the file); an error goes at once.
      if (slot.status < 300 && later !== undefined && later.out === undefined) break;
      out += slot.out;
      this.#slots.shift();
      if (slot.closeAfter) close = true;
    }
    if (out === "") return;
    if (close) this.socket.end(out);
    else this.socket.write(out);
  }
}

/** The Runtime API's lean HTTP/1.1 server on a Unix socket path. */
export class SocketServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Listens on `path`; a request body over `limit` bytes is read and dropped (`tooLarge`). */
  static async listen(path: string, handle: ApiHandler, limit: number): Promise<SocketServer> {
    const server = createServer();
    const api = new SocketServer(server);
    server.on("connection", (socket) => {
      api.#sockets.add(socket);
      socket.once("close", () => api.#sockets.delete(socket));
      new Connection(socket, handle, limit);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
    return api;
  }

  /** Closes every connection and the listener. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
