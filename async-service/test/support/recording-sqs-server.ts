import { createHash } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Which connection it came on (1 = the first the server accepted). */
  readonly connection: number;
}

/** Answers a recorded request; `res` may also be left unanswered or its socket destroyed. */
export type Reply = (request: RecordedRequest, res: ServerResponse, req: IncomingMessage) => void;

/** A real HTTP server on 127.0.0.1 standing in for SQS: records requests, answers with `reply`. */
export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  reply: Reply;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral loopback port. */
export async function startRecordingServer(reply: Reply = acceptAll()): Promise<RecordingServer> {
  const connections = new WeakMap<Socket, number>();
  let accepted = 0;
  const state: RecordingServer = {
    url: "",
    requests: [],
    reply,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        connection: connections.get(req.socket) ?? 0,
      };
      state.requests.push(recorded);
      state.reply(recorded, res, req);
    });
  });
  server.on("connection", (socket) => connections.set(socket, ++accepted));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}` });
}

/** The entries of a recorded SendMessageBatch request. */
export function entriesOf(request: RecordedRequest): Array<{ Id: string; MessageBody: string }> {
  return (JSON.parse(request.body) as { Entries: Array<{ Id: string; MessageBody: string }> })
    .Entries;
}

/** Sends a JSON 1.0 response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** SQS's answer to SendMessageBatch: every entry Successful (with its MD5) except `failIds`. */
export function acceptAll(failIds: ReadonlySet<string> = new Set()): Reply {
  return (request, res) => {
    const entries = entriesOf(request);
    sendJson(res, 200, {
      Successful: entries
        .filter((e) => !failIds.has(e.Id))
        .map((e) => ({
          Id: e.Id,
          MessageId: `msg-${e.Id}`,
          MD5OfMessageBody: createHash("md5").update(e.MessageBody).digest("hex"),
        })),
      Failed: entries
        .filter((e) => failIds.has(e.Id))
        .map((e) => ({
          Id: e.Id,
          SenderFault: false,
          Code: "InternalError",
          Message: "try again",
        })),
    });
  };
}
