// A minimal SQS client: one signed POST per call in SQS's AWS JSON 1.0 protocol, over a keep-alive
// agent of node:http or node:https. It exists because the full SDK client roughly doubles the
// handler's cold start (bundle compile time plus the Node built-ins it loads); see README.
import type {
  Agent,
  AgentOptions,
  ClientRequest,
  IncomingMessage,
  RequestOptions,
} from "node:http";
import type { SqsEndpointConfig } from "./config.js";
import { SqsCallError } from "./errors.js";
import { SqsRequestSigner } from "./sigv4.js";

/** What the client needs of node:http or node:https (both modules satisfy it). */
export interface HttpTransport {
  request(options: RequestOptions, callback?: (res: IncomingMessage) => void): ClientRequest;
  Agent: new (options: AgentOptions) => Agent;
}

/** Loads only the transport the endpoint needs: node:https also loads tls, a local broker needs neither. */
export async function loadTransport(endpoint: string): Promise<HttpTransport> {
  return new URL(endpoint).protocol === "https:" ? import("node:https") : import("node:http");
}

/** Per-call settings: a longer bound (long polls) and a signal that aborts the call. */
export interface CallOptions {
  /** Replaces the endpoint's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

interface RawResponse {
  readonly status: number;
  readonly text: string;
}

/** Sends signed SQS JSON 1.0 requests; one instance per execution environment (sockets are reused). */
export class SqsJsonClient {
  private readonly signer: SqsRequestSigner;
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    private readonly config: SqsEndpointConfig,
    private readonly transport: HttpTransport,
  ) {
    this.url = new URL(config.endpoint);
    this.agent = new transport.Agent({ keepAlive: true, maxSockets: config.maxSockets });
    this.signer = new SqsRequestSigner(config.credentials, config.region, this.url.pathname);
  }

  /** Calls `action` (e.g. "SendMessageBatch") with `input`; resolves with the parsed JSON output. */
  async call<T>(action: string, input: object, options: CallOptions = {}): Promise<T> {
    const body = JSON.stringify(input);
    const headers = this.signer.sign(
      {
        host: this.url.host,
        "content-type": "application/x-amz-json-1.0",
        "content-length": String(Buffer.byteLength(body)),
        "x-amz-target": `AmazonSQS.${action}`,
      },
      body,
    );
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const deadline = { at: performance.now() + timeoutMs, ms: timeoutMs, signal: options.signal };
    let res: RawResponse;
    try {
      res = await this.post(headers, body, deadline);
    } catch (err) {
      // A kept-alive socket the server closed while idle (Lambda freezes environments between
      // invocations): the request almost surely never reached SQS, so retry once at once rather
      // than fail the chunk; a rare duplicate result is fine under at-least-once delivery.
      if (!(err instanceof SqsCallError && err.details.staleSocket)) throw err;
      res = await this.post(headers, body, deadline);
    }
    return parseResponse<T>(action, res);
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private post(
    headers: Record<string, string>,
    body: string,
    deadline: { at: number; ms: number; signal: AbortSignal | undefined },
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let responded = false;
      let req: ClientRequest | undefined;
      const { signal } = deadline;
      const onAbort = () => settle(new SqsCallError("QS_SQS_ABORTED", "aborted by the caller"));
      const settle = (err: Error | undefined, res?: RawResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (err) {
          req?.destroy();
          reject(err);
        } else if (res) resolve(res);
      };
      const timer = setTimeout(
        () => {
          const ms = deadline.ms;
          settle(new SqsCallError("QS_SQS_TIMEOUT", `no complete response within ${ms} ms`));
        },
        Math.max(0, deadline.at - performance.now()),
      );
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      req = this.transport.request(
        {
          method: "POST",
          hostname: this.url.hostname.replace(/^\[(.*)\]$/, "$1"), // IPv6 literals go bare
          port: this.url.port || undefined,
          path: this.url.pathname,
          headers,
          agent: this.agent,
        },
        (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            settle(undefined, { status: res.statusCode ?? 0, text });
          });
          res.on("error", (cause) => settle(transportError(cause, false)));
          res.on("close", () => {
            if (!res.complete) settle(transportError(new Error("response cut short"), false));
          });
        },
      );
      req.on("error", (cause: NodeJS.ErrnoException) => {
        const stale = !responded && req?.reusedSocket === true && isReset(cause);
        settle(transportError(cause, stale));
      });
      req.end(body);
    });
  }
}

function isReset(err: NodeJS.ErrnoException): boolean {
  return err.code === "ECONNRESET" || err.code === "EPIPE";
}

function transportError(cause: Error, staleSocket: boolean): SqsCallError {
  return new SqsCallError(
    "QS_SQS_TRANSPORT",
    `connection failed: ${cause.message}`,
    { staleSocket },
    { cause },
  );
}

/** 2xx -> the output; otherwise the JSON 1.0 error shape `{ __type, message }`. */
function parseResponse<T>(action: string, res: RawResponse): T {
  let json: unknown;
  try {
    json = res.text === "" ? {} : JSON.parse(res.text);
  } catch (cause) {
    if (res.status >= 200 && res.status < 300)
      throw new SqsCallError(
        "QS_SQS_BAD_RESPONSE",
        `${action}: response is not JSON`,
        {},
        { cause },
      );
    json = {};
  }
  if (res.status >= 200 && res.status < 300) {
    if (typeof json !== "object" || json === null)
      throw new SqsCallError("QS_SQS_BAD_RESPONSE", `${action}: response is not a JSON object`);
    return json as T;
  }
  const error = (typeof json === "object" && json !== null ? json : {}) as {
    __type?: unknown;
    message?: unknown;
    Message?: unknown;
  };
  // __type reads like "com.amazonaws.sqs#QueueDoesNotExist"; the part after '#' is the error.
  const awsType = typeof error.__type === "string" ? error.__type.split("#").pop() : undefined;
  const message = String(error.message ?? error.Message ?? res.text.slice(0, 200));
  throw new SqsCallError(
    "QS_SQS_HTTP",
    `${action}: HTTP ${res.status}${awsType ? ` ${awsType}` : ""}: ${message}`,
    { status: res.status, ...(awsType ? { awsType } : {}) },
  );
}
