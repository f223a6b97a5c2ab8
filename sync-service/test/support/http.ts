import { request } from "node:http";

/** A response read in full. */
export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request on a fresh connection (no keep-alive), so a test never reuses a socket to a dead worker. */
export function httpRequest(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(options.body);
  });
}

/** POST a JSON value (or a raw string) with content-type application/json. */
export function postJson(url: string, body: unknown): Promise<HttpResult> {
  return httpRequest(url, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
}

/**
 * Starts a POST whose body is held back: the request is in flight (headers and half the body
 * sent) until `finish()` sends the rest. Lets a test start a shutdown with a request provably open.
 */
export function startHeldPost(url: string, body: unknown): { finish(): Promise<HttpResult> } {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  let settle: (r: HttpResult) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const result = new Promise<HttpResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const req = request(
    url,
    {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": String(payload.length) },
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        settle({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    },
  );
  req.on("error", fail);
  req.flushHeaders();
  req.write(payload.subarray(0, half));
  return {
    finish() {
      req.end(payload.subarray(half));
      return result;
    },
  };
}
