// Reading one HTTP/1.1 answer out of the bytes a socket has delivered so far, for SocketPoster:
// Content-Length or chunked framing, 1xx answers skipped. Only what an SQS endpoint sends.
// The built-in Lambda runtime reads its answers with a reader of its own
// (bench/src/lambda/runtime/runtime-connection.ts): it loads Node built-ins only, not this
// package, and needs the headers this one skips.
import type { RawResponse } from "./http-poster.js";

const HEAD_END = Buffer.from("\r\n\r\n");
const CRLF = Buffer.from("\r\n");

/** A parsed answer and the bytes it took; undefined while incomplete. */
export type Parsed = { res: RawResponse; keepAlive: boolean; end: number } | undefined;

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
