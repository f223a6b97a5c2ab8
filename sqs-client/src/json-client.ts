// A minimal SQS client: one signed POST per call in SQS's AWS JSON 1.0 protocol, over a keep-alive
// agent of node:http or node:https, or raw keep-alive sockets (http-poster.ts). It exists because the full SDK client roughly doubles the
// handler's cold start (bundle compile time plus the Node built-ins it loads); see README.
import type { SqsEndpointConfig } from "./config.js";
import { SqsCallError } from "./errors.js";
import type { HttpPoster, PostDeadline, RawResponse } from "./http-poster.js";
import { type HttpTransport, NodeHttpPoster } from "./node-http-poster.js";
import { SqsRequestSigner } from "./sigv4.js";

export { type HttpTransport, loadTransport } from "./node-http-poster.js";

/** Per-call settings: a longer bound (long polls) and a signal that aborts the call. */
export interface CallOptions {
  /** Replaces the endpoint's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Sends signed SQS JSON 1.0 requests; one instance per execution environment (sockets are reused). */
export class SqsJsonClient {
  private readonly signer: SqsRequestSigner;
  private readonly poster: HttpPoster;
  private readonly url: URL;

  /** `transport`: node:http(s) (any endpoint), or a ready `HttpPoster` (e.g. `SocketPoster`). */
  constructor(
    private readonly config: SqsEndpointConfig,
    transport: HttpTransport | HttpPoster,
  ) {
    this.url = new URL(config.endpoint);
    this.poster =
      "post" in transport ? transport : new NodeHttpPoster(this.url, transport, config.maxSockets);
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
    const deadline: PostDeadline = {
      at: performance.now() + timeoutMs,
      ms: timeoutMs,
      signal: options.signal,
    };
    let res: RawResponse;
    try {
      res = await this.poster.post(headers, body, deadline);
    } catch (err) {
      // A kept-alive socket the server closed while idle (Lambda freezes environments between
      // invocations): the request almost surely never reached SQS, so retry once at once rather
      // than fail the chunk; a rare duplicate result is fine under at-least-once delivery.
      if (!(err instanceof SqsCallError && err.details.staleSocket)) throw err;
      res = await this.poster.post(headers, body, deadline);
    }
    return parseResponse<T>(action, res);
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.poster.close();
  }
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
