import { afterEach, describe, expect, it } from "vitest";
import {
  buildEnqueueApp,
  DEFAULT_ENQUEUE_CONFIG,
  type JobQueue,
  loadEnqueueConfig,
  parseJobEnvelope,
} from "../src/index.js";

/** An in-memory queue (unit level; the ElasticMQ round trip lives in the integration tests). */
class MemoryQueue implements JobQueue {
  readonly bodies: string[] = [];
  down = false;
  async send(body: string) {
    if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:9324");
    this.bodies.push(body);
    return { messageId: `m${this.bodies.length}` };
  }
  async ping() {
    if (this.down) throw new Error("down");
  }
}

const config = {
  ...DEFAULT_ENQUEUE_CONFIG,
  logLevel: "silent" as const,
  bodyLimitBytes: 512 * 1024,
};
let queue = new MemoryQueue();
let { app } = buildEnqueueApp(config, { queue, now: () => 1234.5 });

afterEach(async () => {
  await app.close();
  queue = new MemoryQueue();
  ({ app } = buildEnqueueApp(config, { queue, now: () => 1234.5 }));
});

const post = async (payload: unknown, contentType = "application/json") => {
  const res = await app.inject({
    method: "POST",
    url: "/v1/jobs",
    headers: { "content-type": contentType },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  return {
    status: res.statusCode,
    body: res.json() as Record<string, unknown>,
    headers: res.headers,
  };
};

const customers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `customer-${i}`,
    recencyDays: i % 365,
    frequency: i % 17,
    monetary: 12.5 * (i % 40),
    channel: "email",
    campaign: "spring-sale",
    converted: i % 3 === 0,
  }));

describe("POST /v1/jobs", () => {
  it("enqueues one job envelope and answers 202 with its id", async () => {
    const request = { dataset: { kind: "synthetic", size: 100, seed: 1 } };
    const res = await post(request);
    expect(res.status).toBe(202);
    expect(queue.bodies).toHaveLength(1);
    const job = parseJobEnvelope(queue.bodies[0] as string);
    expect(job).toMatchObject({ v: 1, jobId: res.body.jobId, submittedAt: 1234.5, request });
  });

  it.each([
    ["malformed JSON", '{"dataset":', 400, "QS_MALFORMED_JSON"],
    [
      "wrong type",
      { dataset: { kind: "synthetic", size: -1, seed: 1 } },
      400,
      "QS_INVALID_REQUEST",
    ],
    ["missing dataset", {}, 400, "QS_INVALID_REQUEST"],
    [
      "body over the limit",
      { dataset: { kind: "inline", customers: customers(5000) } },
      413,
      "QS_PAYLOAD_TOO_LARGE",
    ],
  ])("rejects %s with a code and enqueues nothing", async (_name, payload, status, code) => {
    const res = await post(payload);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(queue.bodies).toEqual([]);
  });

  it("answers 413 when the job would exceed the queue's maximum message size", async () => {
    // ~2,300 customers is ~300 KB: under the 512 KiB body limit, over SQS's 256 KiB message limit.
    const res = await post({ dataset: { kind: "inline", customers: customers(2300) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: "QS_PAYLOAD_TOO_LARGE" });
    expect(String(res.body.message)).toContain("262144");
    expect(queue.bodies).toEqual([]);
  });

  it("answers 503 with Retry-After when the broker refuses, acknowledging nothing", async () => {
    queue.down = true;
    const res = await post({ dataset: { kind: "synthetic", size: 10, seed: 1 } });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe("QS_BROKER_UNAVAILABLE");
    expect(res.headers["retry-after"]).toBe("1");
    expect(res.body).not.toHaveProperty("jobId");
  });

  it("is ready only while the queue answers", async () => {
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
    queue.down = true;
    const res = await app.inject({ url: "/readyz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: "QS_BROKER_UNAVAILABLE" });
    expect(res.headers["retry-after"]).toBe("1");
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("enqueue API configuration", () => {
  it("requires the queue URL and names it", () => {
    expect(() => loadEnqueueConfig({})).toThrow(/QUEUE_URL/);
  });
  it("takes flags over the environment and bounds the message size by SQS's 1 MiB", () => {
    const c = loadEnqueueConfig({ QUEUE_URL: "http://env/q" }, [
      "--queue-url",
      "http://flag/q",
      "--port",
      "0",
    ]);
    expect(c).toMatchObject({ queueUrl: "http://flag/q", port: 0, maxMessageBytes: 262_144 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(loadEnqueueConfig({ QUEUE_URL: "q", HOST: "" }).host).toBe("127.0.0.1");
    expect(loadEnqueueConfig({ QUEUE_URL: "q" }, ["--host", ""]).host).toBe("127.0.0.1");
    expect(() => loadEnqueueConfig({ QUEUE_URL: "q", MAX_MESSAGE_BYTES: "2000000" })).toThrow(
      /MAX_MESSAGE_BYTES/,
    );
  });
});
