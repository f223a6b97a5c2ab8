// The user's own front door (`targets.async.enqueueUrl`) end to end through the built CLI: a
// real Python http.server the harness starts with the jobs queue in its environment, which
// SendMessages the job envelope to the real ElasticMQ; the local platform consumes the queue
// (a user's function, or the built-in handler). Every arrival must be accounted for by id.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertResultDocument, type ResultDocument } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive } from "../lambda/helpers.js";
import { runCliProcess } from "./helpers/run-cli.js";

const FRONT_DOOR = fileURLToPath(new URL("../fixtures/front-door.py", import.meta.url));
const RIC_FIXTURES = fileURLToPath(new URL("../fixtures/ric/", import.meta.url));
const ANALYZE = { dataset: { kind: "synthetic", size: 100, seed: 1 }, analyses: ["descriptive"] };

/** A loopback port that was free a moment ago (listen on 0, read it, close). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

// Ten bodies, cycled over 30 arrivals: each kind three times.
const consumers = [
  {
    name: "a user's function",
    fn: { runtime: "builtin", codeDir: RIC_FIXTURES, handler: "sqs-handler.handler" },
    good: { n: 1 },
    poison: { poison: true },
  },
  { name: "the built-in handler", fn: undefined, good: ANALYZE, poison: { dataset: 5 } },
];

describe.each(consumers)("bench with the user's own front door, consumed by $name", (c) => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-front-door-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("completes every accepted job, dead-letters the poison by id and counts refusals as failed", async () => {
    // Prepare
    const port = await freePort();
    const pidFile = join(dir, "door.pid");
    const lines = [c.poison, { reject: true }, { noId: true }, ...Array(7).fill(c.good)];
    await writeFile(join(dir, "bodies.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n"));
    const scenario = {
      name: "front-door",
      description: "the user's own enqueue API",
      load: { executor: "constant-arrival-rate", rate: 10, duration: 3 },
      warmup: { duration: 0, rate: 0 },
      architectures: "async",
      async: { maxReceiveCount: 2, visibilityTimeoutSeconds: 2, functionTimeoutSeconds: 1 },
      drain: { timeoutSeconds: 40 },
      bodies: { file: "bodies.jsonl" },
      targets: {
        async: {
          enqueueUrl: `http://127.0.0.1:${port}/jobs`,
          headers: { "content-type": "application/json", "x-api-key": "k" },
          jobIdField: "job.id",
          start: {
            command: ["python3", FRONT_DOOR, String(port), pidFile],
            readiness: `http://127.0.0.1:${port}/health`,
          },
          ...(c.fn === undefined ? {} : { function: c.fn }),
        },
      },
    };
    const file = join(dir, "front-door.json");
    await writeFile(file, JSON.stringify(scenario));

    // Act
    const run = await runCliProcess(
      ["--scenario", file, "--no-report", "--results-dir", dir],
      120_000,
    );

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const resultFile = /^result: (.+)$/m.exec(run.stdout)?.[1] as string;
    const doc: ResultDocument = assertResultDocument(
      JSON.parse(await readFile(resultFile, "utf8")),
    );
    const [async] = doc.architectures;
    expect(async?.counters).toMatchObject({
      scheduled: 30,
      sent: 30,
      succeeded: 21,
      failed: 6, // three 503s and three 200s without a job id
      dlq: 3,
      lost: 0,
      duplicates: 0,
      statusCodes: { "202": 24, "503": 3, "200": 3 },
    });
    expect(async?.notes).toContainEqual(expect.stringContaining("3 without a job id"));
    expect(async?.settings.target).toMatchObject({
      kind: "enqueue-url",
      url: scenario.targets.async.enqueueUrl,
    });
    expect(async?.resources.map((r) => r.component)).toContain("front-door");
    expect(isAlive(Number(await readFile(pidFile, "utf8")))).toBe(false);
  }, 150_000);
});
