import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BrokerError,
  type StartedBroker,
  standardQueues,
  startBroker,
} from "../../src/broker/index.js";
import { closedLoopbackPort, receiveUntil } from "./helpers.js";

// Point the probe at a socket that cannot exist, so auto-selection must fall back to the JVM
// on every machine, including ones that do run Docker.
const NO_RUNTIME = "unix:///nonexistent/queueshift-test/docker.sock";
const MAX_RECEIVES = 2;

describe("ElasticMQ on the JVM (auto-selected)", () => {
  const savedDockerHost = process.env.DOCKER_HOST;
  const logLines: string[] = [];
  let broker: StartedBroker;

  beforeAll(async () => {
    process.env.DOCKER_HOST = NO_RUNTIME;
    broker = await startBroker({
      kind: "auto",
      queues: standardQueues({
        prefix: "t1-",
        visibilityTimeoutSeconds: 1,
        maxReceiveCount: MAX_RECEIVES,
      }),
      log: (line) => logLines.push(line),
      jvmTuning: "startup",
    });
  });

  afterAll(async () => {
    await broker?.stop();
    if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedDockerHost;
  });

  it("picks the JVM and says the container runtime was missing", () => {
    // Assess
    expect(broker.kind).toBe("jvm");
    expect(broker.reason).toContain(`no container runtime answered at DOCKER_HOST=${NO_RUNTIME}`);
    expect(logLines.some((l) => l.includes("-> jvm"))).toBe(true);
    expect(broker.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(broker.describe().queues).toEqual({
      "t1-jobs": broker.queueUrl("t1-jobs"),
      "t1-results": broker.queueUrl("t1-results"),
      "t1-jobs-dlq": broker.queueUrl("t1-jobs-dlq"),
    });
  });

  it("sends, receives and deletes a message through sqsClient()", async () => {
    // Prepare
    const sqs = broker.sqsClient();
    const QueueUrl = broker.queueUrl("t1-results");

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "hello" }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    const message = got.Messages?.[0];
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }));
    const after = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }),
    );

    // Assess
    expect(message?.Body).toBe("hello");
    expect(after.Attributes?.ApproximateNumberOfMessages).toBe("0");
    expect(after.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("0");
  });

  it("moves a message received maxReceiveCount times without delete to the DLQ", async () => {
    // Prepare
    const sqs = broker.sqsClient();
    const jobs = broker.queueUrl("t1-jobs");
    const dlq = broker.queueUrl("t1-jobs-dlq");
    await sqs.send(new SendMessageCommand({ QueueUrl: jobs, MessageBody: "poison" }));

    // Act: receive and never delete; the 1 s visibility timeout hands it back each time.
    const receivedFromJobs = await receiveUntil(sqs, jobs, { maxPolls: 10, waitSeconds: 2 });
    const inDlq = await receiveUntil(sqs, dlq, { maxPolls: 3, waitSeconds: 2, stopAfter: 1 });

    // Assess
    expect(receivedFromJobs.map((m) => m.Body)).toEqual(Array(MAX_RECEIVES).fill("poison"));
    expect(inDlq.map((m) => m.Body)).toEqual(["poison"]);
  });

  it("external mode creates queues by name on an existing endpoint, with a redrive policy", async () => {
    // Prepare
    const queues = [
      { name: "ext-work", visibilityTimeoutSeconds: 7, deadLetter: { queueName: "ext-dlq" } },
      { name: "ext-dlq" },
    ];

    // Act
    const external = await startBroker({ kind: "external", endpoint: broker.endpoint, queues });
    await external.stop();
    const listed = await broker
      .sqsClient()
      .send(new ListQueuesCommand({ QueueNamePrefix: "ext-" }));
    const attrs = await broker.sqsClient().send(
      new GetQueueAttributesCommand({
        QueueUrl: external.queueUrl("ext-work"),
        AttributeNames: ["All"],
      }),
    );

    // Assess
    expect(external.kind).toBe("external");
    expect(listed.QueueUrls?.map((u) => u.split("/").at(-1)).sort()).toEqual([
      "ext-dlq",
      "ext-work",
    ]);
    expect(attrs.Attributes?.VisibilityTimeout).toBe("7");
    expect(JSON.parse(attrs.Attributes?.RedrivePolicy ?? "{}")).toMatchObject({
      deadLetterTargetArn: expect.stringContaining("ext-dlq"),
      maxReceiveCount: 5,
    });
  });

  it("external mode fails with a clear error for an endpoint that does not answer", async () => {
    // Prepare
    const endpoint = `http://127.0.0.1:${await closedLoopbackPort()}`;

    // Act
    const attempt = startBroker({ kind: "external", endpoint, queues: standardQueues() });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(BrokerError);
    await expect(attempt).rejects.toMatchObject({
      code: "QS_BROKER_ENDPOINT_UNREACHABLE",
      message: expect.stringContaining(endpoint),
    });
  });

  it("stop() leaves no JVM process behind", async () => {
    // Prepare
    const pid = broker.pid;

    // Act
    await broker.stop();

    // Assess
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid as number, 0)).toThrow(
      expect.objectContaining({ code: "ESRCH" }),
    );
  });
});

describe("auto-selection with a container runtime that lacks the image", () => {
  const savedDockerHost = process.env.DOCKER_HOST;
  const seen: string[] = [];
  let api: Server;
  let dir: string;

  beforeAll(async () => {
    // A Docker-compatible API on a Unix socket: it answers the ping, has no images, and would
    // be asked to pull (POST /images/create) if auto-selection went the container way.
    dir = mkdtempSync(join(tmpdir(), "qs-fake-docker-"));
    const socket = join(dir, "docker.sock");
    api = createServer((req, res) => {
      seen.push(`${req.method} ${req.url?.split("?")[0]}`);
      res.writeHead(req.url === "/_ping" ? 200 : 404).end(req.url === "/_ping" ? "OK" : "{}");
    });
    await new Promise<void>((resolve) => api.listen(socket, resolve));
    process.env.DOCKER_HOST = `unix://${socket}`;
  });

  afterAll(async () => {
    await new Promise((r) => api?.close(r));
    rmSync(dir, { recursive: true, force: true });
    if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedDockerHost;
  });

  it("starts the JVM at once (its jars are cached by the suite above) instead of pulling", async () => {
    // Act
    const broker = await startBroker({
      kind: "auto",
      queues: standardQueues({ prefix: "t3-", visibilityTimeoutSeconds: 1, maxReceiveCount: 2 }),
      log: () => {},
      jvmTuning: "startup",
    });
    try {
      // Assess
      expect(broker.kind).toBe("jvm");
      expect(broker.reason).toContain("lacks");
      expect(seen).toContain("GET /_ping");
      expect(seen.some((s) => s.startsWith("POST"))).toBe(false); // never asked to pull
    } finally {
      await broker.stop();
    }
  });
});
