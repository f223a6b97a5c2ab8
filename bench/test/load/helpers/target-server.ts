import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the test target behaves. */
export interface TargetBehaviour {
  /** Milliseconds before answering each request (0 = at once). */
  readonly delayMs?: number;
  /** Once, when the first request arrives after `afterMs`, freeze for `forMs`: every request
   *  arriving during the freeze is answered when it ends (a GC pause / failover stand-in). */
  readonly stall?: { readonly afterMs: number; readonly forMs: number };
}

/** A started loopback target; `close()` must be called in afterAll/finally. */
export interface TestTarget {
  readonly url: string;
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Starts a real node:http server on 127.0.0.1:0 answering `{"ok":true,"id":<n>}`. */
export async function startTarget(behaviour: TargetBehaviour = {}): Promise<TestTarget> {
  const startedAt = performance.now();
  let stallUntil = 0;
  let stalled = false;
  let count = 0;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const id = count++;
    req.resume();
    req.on("end", () => {
      const now = performance.now();
      const stall = behaviour.stall;
      if (stall !== undefined && !stalled && now - startedAt >= stall.afterMs) {
        stalled = true;
        stallUntil = now + stall.forMs;
      }
      const wait = Math.max(behaviour.delayMs ?? 0, stallUntil - now);
      const reply = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, id }));
      };
      if (wait > 0) setTimeout(reply, wait);
      else reply();
    });
  };
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
