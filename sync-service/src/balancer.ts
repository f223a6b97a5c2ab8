import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";

/** Messages between the balancer (cluster primary) and a worker, over the cluster's IPC channel. */
export type BalancerMessage =
  /** worker -> primary: the app is ready for connections. */
  | { readonly qs: "ready" }
  /** primary -> worker, with the socket as the message's handle. */
  | { readonly qs: "connection"; readonly id: number }
  /** worker -> primary: the worker holds connection `id` now. */
  | { readonly qs: "taken"; readonly id: number };

/** True for a message of the balancer's protocol (the channel also carries Node's own). */
export function isBalancerMessage(m: unknown): m is BalancerMessage {
  return typeof m === "object" && m !== null && typeof (m as { qs?: unknown }).qs === "string";
}

/** What the balancer needs of a worker (a `cluster.Worker` fits). */
export interface BalancedWorker {
  readonly id: number;
  send(
    message: BalancerMessage,
    socket: Socket,
    options: { keepOpen: boolean },
    callback: (error: Error | null) => void,
  ): unknown;
}

/**
 * The load balancer in the cluster primary: accepts connections and hands each to a ready worker,
 * round-robin, with at most one unconfirmed hand-off per worker (the rest wait here, as Node's own
 * round-robin does). Unlike Node's, it keeps its copy of a socket until the worker confirms it,
 * so when a worker dies before picking a connection up, that connection is reset at once instead
 * of being held open, unanswered, until the client gives up.
 */
export class ConnectionBalancer {
  private readonly server: Server = createServer({ pauseOnConnect: true }, (s) => this.accept(s));
  private readonly waiting: Socket[] = [];
  private readonly free: BalancedWorker[] = [];
  private readonly unconfirmed = new Map<number, { id: number; socket: Socket }>();
  private nextId = 1;

  /** Starts accepting; resolves with the bound address. */
  async listen(host: string, port: number): Promise<{ address: string; port: number }> {
    this.server.listen({ host, port });
    await once(this.server, "listening");
    const bound = this.server.address();
    if (bound === null || typeof bound === "string") throw new Error("balancer bound no TCP port");
    return { address: bound.address, port: bound.port };
  }

  /** A worker is ready: it joins the rotation. */
  addWorker(worker: BalancedWorker): void {
    this.free.push(worker);
    this.dispatch();
  }

  /** The worker holds connection `id`: drop our copy, and the worker is free for the next one. */
  confirm(worker: BalancedWorker, id: number): void {
    const pending = this.unconfirmed.get(worker.id);
    if (pending?.id !== id) return;
    this.unconfirmed.delete(worker.id);
    pending.socket.destroy(); // closes our descriptor only; the worker's stays open
    this.free.push(worker);
    this.dispatch();
  }

  /** The worker is gone: a connection it never confirmed is reset, not left hanging. */
  removeWorker(worker: BalancedWorker): void {
    const at = this.free.indexOf(worker);
    if (at >= 0) this.free.splice(at, 1);
    this.unconfirmed.get(worker.id)?.socket.resetAndDestroy();
    this.unconfirmed.delete(worker.id);
  }

  /** Stops accepting new connections; the ones already accepted are still handed out. */
  stopAccepting(): void {
    this.server.close();
  }

  /** Resets whatever no worker took (called once no worker is left). */
  close(): void {
    this.stopAccepting();
    for (const socket of this.waiting.splice(0)) socket.resetAndDestroy();
    for (const { socket } of this.unconfirmed.values()) socket.resetAndDestroy();
    this.unconfirmed.clear();
  }

  private accept(socket: Socket): void {
    socket.on("error", () => {}); // a client reset while the socket waits here is not ours to report
    this.waiting.push(socket);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && this.free.length > 0) {
      const worker = this.free.shift() as BalancedWorker;
      const socket = this.waiting.shift() as Socket;
      const id = this.nextId++;
      this.unconfirmed.set(worker.id, { id, socket });
      // keepOpen: our copy stays until `confirm`, so `removeWorker` can still reset it.
      // A send to a worker that just died fails here; its exit resets the socket (`removeWorker`).
      worker.send({ qs: "connection", id }, socket, { keepOpen: true }, () => {});
    }
  }
}
