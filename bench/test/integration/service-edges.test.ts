// Both services' HTTP edges, as the processes `npm run start:sync` and `start:async-api` run:
// a client that stalls in its headers is cut, an empty HOST binds loopback only, and SIGTERM
// answers what keep-alive connections already sent with `connection: close` and refuses the rest
// with QS_SHUTTING_DOWN. Raw sockets, so the test sees exactly what the server wrote and when it closed.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NodeService, startNodeService } from "../../src/stack/node-service.js";
import { ARTEFACTS, requireArtefact } from "../../src/stack/paths.js";

/** A queue stand-in for the enqueue API: a real HTTP server that accepts every SendMessage. */
const sqs = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.end(JSON.stringify({ MessageId: "m-1" })));
});
let sqsUrl = "";
beforeAll(async () => {
  sqs.listen(0, "127.0.0.1");
  await once(sqs, "listening");
  const address = sqs.address();
  sqsUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => {
  sqs.closeAllConnections();
  sqs.close();
});

const services = [
  {
    name: "sync service (2 workers behind the balancer)",
    path: "/v1/analyze",
    accepted: 200,
    start: (env: Record<string, string>) =>
      startNodeService({
        name: "sync service",
        script: requireArtefact(ARTEFACTS.syncMain),
        env: { PORT: "0", WORKERS: "2", LOG_LEVEL: "warn", ...env },
      }),
  },
  {
    name: "enqueue API",
    path: "/v1/jobs",
    accepted: 202,
    start: (env: Record<string, string>) =>
      startNodeService({
        name: "enqueue API",
        script: requireArtefact(ARTEFACTS.enqueueApiMain),
        args: ["--queue-url", `${sqsUrl}/000000000000/jobs`, "--endpoint", sqsUrl, "--port", "0"],
        env: { LOG_LEVEL: "warn", ...env },
      }),
  },
];

const body = JSON.stringify({ dataset: { kind: "synthetic", size: 2_000, seed: 3 } });

/** The port a service announced (the sync service prints `port`, the enqueue API a `url`). */
function portOf(service: NodeService): number {
  const { port, url } = service.listening;
  return typeof port === "number" ? port : Number(new URL(String(url)).port);
}

/** A raw client connection that collects all the server writes until the server closes it. */
function rawConnection(port: number) {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {}); // a reset is the server closing too
  let received = "";
  socket.setEncoding("utf8").on("data", (c: string) => {
    received += c;
  });
  const closed = once(socket, "close").then(() => true);
  return {
    connected: once(socket, "connect"),
    write: (text: string) => socket.write(text),
    /** What arrived, and whether the server closed the connection within `waitMs`. */
    async result(waitMs: number) {
      const closedByServer = await Promise.race([closed, sleep(waitMs).then(() => false)]);
      socket.destroy();
      const [head = "", ...rest] = received.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(":")).toLowerCase(),
          l.slice(l.indexOf(":") + 1).trim(),
        ]),
      );
      return {
        status: Number(statusLine.split(" ")[1]),
        headers,
        body: rest.join("\r\n\r\n"),
        closedByServer,
      };
    },
  };
}

/** The addresses the kernel lists as listening on `port` (IPv4 dotted, IPv6 as raw hex). */
function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const [, local = "", , state] = line.trim().split(/\s+/);
      const [address = "", hexPort = ""] = local.split(":");
      if (state !== "0A" || Number.parseInt(hexPort, 16) !== port) continue;
      out.push(
        address.length === 8
          ? (address.match(/../g) ?? [])
              .reverse()
              .map((b) => Number.parseInt(b, 16))
              .join(".")
          : `ipv6:${address}`,
      );
    }
  }
  return out;
}

describe.each(services)("$name", (service) => {
  it("cuts a client that sends part of its headers and then nothing", async () => {
    const svc = await service.start({ HEADERS_TIMEOUT_MS: "500", REQUEST_TIMEOUT_MS: "1000" });
    try {
      const slow = rawConnection(portOf(svc));
      await slow.connected;
      slow.write(`POST ${service.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      // Node's own default would hold it for 60 s and more; the configured 500 ms cuts it.
      const res = await slow.result(10_000);
      expect(res.closedByServer).toBe(true);
      expect(res.status).toBe(408);
    } finally {
      await svc.stop();
    }
  });

  it("binds 127.0.0.1, not every interface, when HOST is empty", async () => {
    const svc = await service.start({ HOST: "" });
    try {
      expect(listeningAddresses(portOf(svc))).toEqual(["127.0.0.1"]);
    } finally {
      await svc.stop();
    }
  });

  it("on SIGTERM answers the request in flight with connection: close and refuses new ones with QS_SHUTTING_DOWN", async () => {
    const svc = await service.start({});
    const port = portOf(svc);
    const inFlight = rawConnection(port);
    const arriving = rawConnection(port);
    await Promise.all([inFlight.connected, arriving.connected]);
    const half = Math.floor(body.length / 2);
    inFlight.write(
      `POST ${service.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`,
    );
    arriving.write(`POST ${service.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    // Both connections are open and mid-request (not idle), so draining may not drop them.
    await sleep(300);
    const exited = once(svc.child, "exit");
    svc.child.kill("SIGTERM");
    await sleep(300);
    inFlight.write(body.slice(half));
    arriving.write(
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    const [answered, refused] = await Promise.all([
      inFlight.result(10_000),
      arriving.result(10_000),
    ]);

    expect(answered).toMatchObject({ status: service.accepted, closedByServer: true });
    expect(answered.headers.connection).toBe("close");
    expect(refused).toMatchObject({ status: 503, closedByServer: true });
    expect(refused.headers.connection).toBe("close");
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 503, code: "QS_SHUTTING_DOWN" });
    expect((await exited)[0]).toBe(0);
    await svc.stop();
  });
});
