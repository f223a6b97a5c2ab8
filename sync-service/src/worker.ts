import type { Socket } from "node:net";
import { buildApp } from "./app.js";
import { isBalancerMessage } from "./balancer.js";
import type { SyncConfig } from "./config.js";
import { drainer } from "./server.js";

/**
 * A cluster worker: serves the connections the balancer hands it over IPC and never listens
 * itself. Confirms each connection as soon as it holds it, so the balancer can reset the ones
 * a dying worker never picked up.
 */
export async function startWorker(config: SyncConfig): Promise<{ shutdown(): Promise<void> }> {
  const sync = buildApp(config);
  await sync.app.ready();
  const server = sync.app.server;
  // Node arms the headers and request timeouts, and tracks connections for closeIdleConnections,
  // only for a server that emitted 'listening'; this one's connections come from the balancer.
  server.emit("listening");
  const open = new Set<Socket>();
  let allClosed = () => {};
  process.on("message", (message: unknown, socket: Socket | undefined) => {
    if (!isBalancerMessage(message) || message.qs !== "connection") return;
    process.send?.({ qs: "taken", id: message.id });
    if (!socket) return; // the client went away while the socket was on its way here
    open.add(socket);
    socket.once("close", () => {
      open.delete(socket);
      if (open.size === 0) allClosed();
    });
    server.emit("connection", socket);
  });
  process.send?.({ qs: "ready" });
  // Handed-over connections are not the server's own, so its close does not wait for them.
  const settled = () =>
    new Promise<void>((resolve) => {
      allClosed = resolve;
      if (open.size === 0) resolve();
    });
  return { shutdown: drainer(sync, config.shutdownGraceMs, settled) };
}
