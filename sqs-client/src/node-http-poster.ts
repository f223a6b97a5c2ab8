import type {
  Agent,
  AgentOptions,
  ClientRequest,
  IncomingMessage,
  RequestOptions,
} from "node:http";
import {
  type HttpPoster,
  isReset,
  type PostDeadline,
  type RawResponse,
  settleWithin,
  transportError,
} from "./http-poster.js";

/** What the client needs of node:http or node:https (both modules satisfy it). */
export interface HttpTransport {
  request(options: RequestOptions, callback?: (res: IncomingMessage) => void): ClientRequest;
  Agent: new (options: AgentOptions) => Agent;
}

/** Loads only the transport the endpoint needs: node:https also loads tls, a local broker needs neither. */
export async function loadTransport(endpoint: string): Promise<HttpTransport> {
  return new URL(endpoint).protocol === "https:" ? import("node:https") : import("node:http");
}

/** `HttpPoster` on node:http or node:https with a keep-alive agent (any endpoint, TLS included). */
export class NodeHttpPoster implements HttpPoster {
  private readonly agent: Agent;

  constructor(
    private readonly url: URL,
    private readonly transport: HttpTransport,
    maxSockets: number,
  ) {
    this.agent = new transport.Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.agent.destroy();
  }

  post(
    headers: Record<string, string>,
    body: string,
    deadline: PostDeadline,
  ): Promise<RawResponse> {
    let req: ClientRequest | undefined;
    let responded = false;
    return settleWithin(
      deadline,
      () => req?.destroy(),
      (settle) => {
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
      },
    );
  }
}
