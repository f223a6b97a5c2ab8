import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock } from "../../clock/index.js";
import {
  type ApiReply,
  type ApiRequest,
  JSON_TYPE,
  listen,
  nodeExchange,
  parseError,
  reply,
} from "./http-io.js";
import {
  CPU_HEADER,
  type InitOutcome,
  type InvocationOutcome,
  type InvocationRequest,
  MAX_RESPONSE_BYTES,
  MAX_RSS_HEADER,
  RUNTIME_API_VERSION,
} from "./runtime-api-types.js";
import { SocketServer } from "./socket-server.js";
import { traceIdHeader } from "./trace-id.js";

interface Current {
  readonly request: InvocationRequest;
  startedUs: number;
  readonly settle: (outcome: InvocationOutcome) => void;
}

/** How many issued request ids an environment remembers (for 403 vs 400 on a late answer). */
const ISSUED_REMEMBERED = 1_024;

/** The runtime's CPU time in a request's CPU_HEADER (us), as ms; undefined when absent or not a count. */
function cpuMsOf(req: ApiRequest): number | undefined {
  const text = req.header(CPU_HEADER);
  const us = text === undefined || text === "" ? Number.NaN : Number(text);
  return Number.isFinite(us) && us >= 0 ? us / 1_000 : undefined;
}

/**
 * The Lambda Runtime API (2018-06-01) of one execution environment, on loopback: the runtime in
 * the process long-polls `next`, answers with `response` or `error`, or reports `init/error`.
 * One invocation at a time, like a Lambda environment. Codes follow AWS's API reference: 202 for
 * an accepted post, 400 `InvalidRequestID` for an id it never issued, 403 `InvalidStateTransition`
 * for an id already answered or timed out (or an init error after init), 413 over 6 MB.
 */
export class RuntimeApiServer {
  readonly #server: Server;
  /** The same API on a Unix socket, when asked for (see `start`). */
  #local: { server: SocketServer; path: string } | undefined;
  readonly #functionArn: string;
  readonly #maxResponseBytes: number;
  #init: { resolve: (o: InitOutcome) => void; done: boolean; promise: Promise<InitOutcome> };
  #waiting: ApiReply | undefined;
  #queued: Current | undefined;
  #current: Current | undefined;
  /** Recent ids this server issued, answered or not: a late answer is 403, a stranger's 400. */
  readonly #issued = new Set<string>();

  private constructor(server: Server, functionArn: string, maxResponseBytes: number) {
    this.#server = server;
    this.#functionArn = functionArn;
    this.#maxResponseBytes = maxResponseBytes;
    let resolve: (o: InitOutcome) => void = () => {};
    const promise = new Promise<InitOutcome>((r) => {
      resolve = r;
    });
    this.#init = { resolve, done: false, promise };
    server.on("request", (req, res) => {
      const { request, reply } = nodeExchange(req, res, maxResponseBytes);
      this.#route(request, reply);
    });
  }

  /**
   * Listens on 127.0.0.1 on a free port, and also on `socketPath` when given: the same API for
   * the built-in runtime, which a TCP loopback write per call would cost ~10x the CPU of a Unix
   * socket on a busy 2-core box (bench:handler-init), served by the lean `SocketServer`; AWS's
   * clients only speak `host:port`.
   */
  static async start(options: {
    functionArn: string;
    maxResponseBytes?: number;
    socketPath?: string;
  }): Promise<RuntimeApiServer> {
    // Idle keep-alive sockets stay open: a runtime keeps one for `next` between invocations.
    const serverOptions = { keepAliveTimeout: 600_000, requestTimeout: 0 };
    const server = createServer(serverOptions);
    const api = new RuntimeApiServer(
      server,
      options.functionArn,
      options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    );
    await listen(server, (s) => s.listen(0, "127.0.0.1"));
    const path = options.socketPath;
    if (path !== undefined) {
      const route = (req: ApiRequest, res: ApiReply) => api.#route(req, res);
      const local = await SocketServer.listen(path, route, api.#maxResponseBytes);
      api.#local = { server: local, path };
    }
    return api;
  }

  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    const { address, port } = this.#server.address() as AddressInfo;
    return `${address}:${port}`;
  }

  /** Resolves when the runtime first asks for `next` (init done) or posts `init/error`. */
  initOutcome(): Promise<InitOutcome> {
    return this.#init.promise;
  }

  /** Hands one invocation to the runtime; resolves when it answers (never rejects). */
  invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    return new Promise((settle) => {
      this.#issued.add(request.requestId);
      // Bounded: a late answer only ever comes for one of the last few invocations.
      if (this.#issued.size > ISSUED_REMEMBERED)
        this.#issued.delete(this.#issued.values().next().value ?? "");
      this.#queued = { request, startedUs: 0, settle };
      this.#deliverQueued();
    });
  }

  /** Hands the queued invocation to a waiting `next` once the previous one is answered. */
  #deliverQueued(): void {
    const [queued, waiting] = [this.#queued, this.#waiting];
    if (queued === undefined || waiting === undefined || this.#current !== undefined) return;
    this.#queued = undefined;
    this.#deliver(waiting, queued);
  }

  /** Ends the current invocation (timeout, crash): a later answer to it gets 403. */
  abandon(requestId: string): void {
    if (this.#current?.request.requestId === requestId) this.#current = undefined;
    if (this.#queued?.request.requestId === requestId) this.#queued = undefined;
  }

  /** Closes the server and every socket (the process is gone or going). */
  async close(): Promise<void> {
    this.#waiting = undefined;
    this.#server.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => this.#server.close(() => resolve())),
      this.#local?.server.close(),
    ]);
    if (this.#local !== undefined) rmSync(this.#local.path, { force: true });
  }

  #route(req: ApiRequest, res: ApiReply): void {
    const prefix = `/${RUNTIME_API_VERSION}/runtime/`;
    const path = req.path;
    const rest = path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
    const answer = /^invocation\/([^/]+)\/(response|error)$/.exec(rest ?? "");
    if (req.method === "GET" && rest === "invocation/next") this.#next(req, res);
    else if (req.method === "POST" && rest === "init/error") void this.#initError(req, res);
    else if (req.method === "POST" && answer?.[1] !== undefined) {
      const kind = answer[2] === "error" ? "error" : "response";
      void this.#answer(req, res, decodeURIComponent(answer[1]), kind);
    } else reply(res, 404, "NotFound", `No route ${req.method} ${path}`);
  }

  #next(req: ApiRequest, res: ApiReply): void {
    if (!this.#init.done) {
      this.#init.done = true;
      const cpuMs = cpuMsOf(req);
      this.#init.resolve({
        type: "ready",
        atUs: systemClock.nowUs(),
        ...(cpuMs === undefined ? {} : { cpuMs }),
      });
    }
    // A `next` while the current invocation is unanswered is held, not refused: a runtime may
    // ask for the next event on a second socket while its answer is still on the way.
    if (this.#waiting !== undefined) {
      reply(res, 403, "InvalidStateTransition", "next called while another next is waiting");
      return;
    }
    this.#waiting = res;
    res.onClose(() => {
      if (this.#waiting === res) this.#waiting = undefined;
    });
    this.#deliverQueued();
  }

  #deliver(res: ApiReply, current: Current): void {
    this.#waiting = undefined;
    this.#current = current;
    const r = current.request;
    const headers: Record<string, string> = {
      ...JSON_TYPE,
      "lambda-runtime-aws-request-id": r.requestId,
      "lambda-runtime-deadline-ms": String(Math.round(r.deadlineMs)),
      "lambda-runtime-invoked-function-arn": this.#functionArn,
      "lambda-runtime-trace-id": traceIdHeader(),
    };
    if (r.clientContext !== undefined) headers["lambda-runtime-client-context"] = r.clientContext;
    if (r.cognitoIdentity !== undefined)
      headers["lambda-runtime-cognito-identity"] = r.cognitoIdentity;
    current.startedUs = systemClock.nowUs();
    res.send(200, headers, r.body);
  }

  async #initError(req: ApiRequest, res: ApiReply): Promise<void> {
    const body = await req.body();
    if (this.#init.done) {
      return reply(res, 403, "InvalidStateTransition", "init/error after init completed");
    }
    this.#init.done = true;
    this.#init.resolve({ type: "init-error", error: parseError(req, body.text) });
    reply(res, 202);
  }

  async #answer(
    req: ApiRequest,
    res: ApiReply,
    id: string,
    kind: "response" | "error",
  ): Promise<void> {
    const body = await req.body();
    const current = this.#current;
    if (current === undefined || current.request.requestId !== id) {
      if (this.#issued.has(id)) {
        return reply(res, 403, "InvalidStateTransition", `Invocation ${id} is already closed`);
      }
      return reply(res, 400, "InvalidRequestID", `Invalid request ID: ${id}`);
    }
    this.#current = undefined;
    const durationMs = (systemClock.nowUs() - current.startedUs) / 1_000;
    const rss = Number(req.header(MAX_RSS_HEADER));
    const cpuMs = cpuMsOf(req);
    const measured = {
      durationMs,
      ...(rss > 0 ? { maxRssKB: rss } : {}),
      ...(cpuMs === undefined ? {} : { cpuMs }),
    };
    queueMicrotask(() => this.#deliverQueued());
    if (body.tooLarge) {
      const msg = `Response payload size exceeded maximum allowed payload size (${this.#maxResponseBytes} bytes).`;
      reply(res, 413, "RequestEntityTooLarge", msg);
      const error = { errorType: "Function.ResponseSizeTooLarge", errorMessage: msg };
      return current.settle({ type: "error", error, ...measured });
    }
    reply(res, 202);
    if (kind === "response") current.settle({ type: "response", body: body.text, ...measured });
    else current.settle({ type: "error", error: parseError(req, body.text), ...measured });
  }
}
