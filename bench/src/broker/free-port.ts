import { createServer } from "node:net";

/**
 * Asks the OS for a free loopback port by listening on port 0 and closing. Another process
 * can take the port before the broker binds it; callers retry on a bind conflict.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}
