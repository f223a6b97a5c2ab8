import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { RuntimeError } from "./runtime-api-types.js";

// The Runtime API server's HTTP plumbing: listening, replies, bodies and posted errors.

/** The content type of every Runtime API body. */
export const JSON_TYPE = { "content-type": "application/json" };

/** Resolves once `server` listens (or rejects with its error). */
export function listen(server: Server, start: (s: Server) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => resolve());
    start(server);
  });
}

/** Replies with AWS's JSON shape: `{status: "OK"}`, or `{errorMessage, errorType}`. */
export function reply(
  res: ServerResponse,
  status: number,
  errorType?: string,
  message?: string,
): void {
  const body = errorType === undefined ? { status: "OK" } : { errorMessage: message, errorType };
  const text = JSON.stringify(body);
  // A Content-Length, not chunked encoding: the built-in runtime's reader needs no more than that.
  res.writeHead(status, { ...JSON_TYPE, "content-length": Buffer.byteLength(text) }).end(text);
}

/** Reads a body up to `limit` bytes; past it, drains the rest and says so. */
export function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ text: string; tooLarge: boolean }> {
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
export function parseError(req: IncomingMessage, text: string): RuntimeError {
  const header = req.headers["lambda-runtime-function-error-type"];
  const headerType = typeof header === "string" && header.length > 0 ? header : undefined;
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
