// Every executor sends the sync target's method, headers and bodies: the open model (undici)
// and the closed one (autocannon) each run a short scenario in process against a real HTTP
// server that records what it received.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/run/run-scenario.js";
import { parseScenario } from "../../src/scenario/index.js";

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A loopback server answering 200 to everything, keeping each request it got. */
async function startRecorder(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

const loads = [
  { name: "open model", load: { executor: "constant-arrival-rate", rate: 20, duration: 1 } },
  { name: "closed model (autocannon)", load: { executor: "closed", connections: 2, duration: 1 } },
];

describe.each(loads)("the $name", ({ load }) => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let dir: string;

  beforeAll(async () => {
    recorder = await startRecorder();
    dir = await mkdtemp(join(tmpdir(), "qs-sync-requests-"));
  });

  afterAll(async () => {
    recorder?.server.closeAllConnections();
    await new Promise((r) => recorder?.server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it("sends the target's method, headers and a body per arrival from the scenario's bodies", async () => {
    // Prepare
    const scenario = parseScenario(
      {
        name: "requests",
        description: "what the target receives",
        load,
        warmup: { duration: 0, rate: 0 },
        architectures: "sync",
        targets: {
          sync: {
            url: `http://127.0.0.1:${recorder.port}/predict?v=2`,
            method: "PUT",
            headers: { "Content-Type": "application/vnd.test+json", "x-api-key": "k" },
          },
        },
        bodies: { template: { ref: "r-{{index}}" } },
      },
      "requests.json",
      dir,
    );

    // Act
    const run = await runScenario({
      scenario,
      resultsDir: dir,
      signal: new AbortController().signal,
    });

    // Assess
    expect(run.document.outcome.status).toBe("completed");
    const got = recorder.received.filter((r) => r.method !== "GET"); // the start-up probe is a GET
    expect(got.length).toBeGreaterThan(3);
    for (const r of got) {
      expect(r).toMatchObject({ method: "PUT", url: "/predict?v=2" });
      expect(r.headers).toMatchObject({
        "content-type": "application/vnd.test+json",
        "x-api-key": "k",
      });
      expect(r.body).toMatch(/^\{"ref":"r-\d+"\}$/);
    }
    // One body per arrival index, not one fixed body: the refs are all different.
    expect(new Set(got.map((r) => r.body)).size).toBe(got.length);
  }, 60_000);
});
