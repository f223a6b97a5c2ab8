import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { RuntimeError } from "./runtime-api-types.js";

// The Runtime API server's HTTP plumbing: the request and reply its routes see, whichever
// server carried them (node:http on TCP, or socket-server.ts on the built-in runtime's Unix
// socket), listening, replies and posted errors.

/** The content type of every Runtime API body. */
export const JSON_TYPE = { "content-type": "application/json" };

/** A body read whole up to the server's limit; past it the rest was drained and `tooLarge` set. */
export interface ApiBody {
  readonly text: string;
  readonly tooLarge: boolean;
}

/** One request as the API's routes see it. */
export interface ApiRequest {
  readonly method: string;
  /** The URL's path, query removed. */
  readonly path: string;
  /** A header's value by lower-case name; undefined when not sent. */
  header(name: string): string | undefined;
  body(): Promise<ApiBody>;
}

/** Where one request's answer goes. */
export interface ApiReply {
  /** Sends the answer; the transport adds Content-Length (never chunked encoding). */
  send(status: number, headers: Readonly<Record<string, string>>, body: string): void;
  /** Runs if the connection closes before the answer was sent (a held `next`). */
  onClose(listener: () => void): void;
}

/** A node:http request and response as the routes' request and reply. */
export function nodeExchange(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): { request: ApiRequest; reply: ApiReply } {
  const request: ApiRequest = {
    method: req.method ?? "",
    path: (req.url ?? "").split("?")[0] ?? "",
    header: (name) => {
      const value = req.headers[name];
      return typeof value === "string" ? value : undefined;
    },
    body: () => readBody(req, limit),
  };
  const reply: ApiReply = {
    send: (status, headers, body) => {
      const length = Buffer.byteLength(body);
      res.writeHead(status, { ...headers, "content-length": length }).end(body);
    },
    onClose: (listener) => {
      res.once("close", () => {
        if (!res.writableFinished) listener();
      });
    },
  };
  return { request, reply };
}

/** Resolves once `server` listens (or rejects with its error). */
export function listen(server: Server, start: (s: Server) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => resolve());
    start(server);
  });
}

/** Replies with AWS's JSON shape: `{status: "OK"}`, or `{errorMessage, errorType}`. */
export function reply(to: ApiReply, status: number, errorType?: string, message?: string): void {
  const body = errorType === undefined ? { status: "OK" } : { errorMessage: message, errorType };
  to.send(status, JSON_TYPE, JSON.stringify(body));
}

/** Reads a body up to `limit` bytes; past it, drains the rest and says so. */
function readBody(req: IncomingMessage, limit: number): Promise<ApiBody> {
  // Events, not `for await`: the async iterator costs several ticks per request on the hot path.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve({ text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > limit }),
    );
    req.on("error", reject);
  });
}

/** The posted error: its JSON body, with `Lambda-Runtime-Function-Error-Type` as the fallback type. */
export function parseError(req: ApiRequest, text: string): RuntimeError {
  const header = req.header("lambda-runtime-function-error-type");
  const headerType = header !== undefined && header.length > 0 ? header : undefined;
  let parsed: Partial<RuntimeError> = {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null) parsed = value as Partial<RuntimeError>;
  } catch {
    parsed = { errorMessage: text };
  }
  return {
    errorType:
      typeof parsed.errorType === "string" ? parsed.errorType : (headerType ?? "Runtime.Unknown"),
    errorMessage: typeof parsed.errorMessage === "string" ? parsed.errorMessage : "",
    ...(parsed.stackTrace === undefined ? {} : { stackTrace: parsed.stackTrace }),
  };
}
