import { formatIssues } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  BROKER_DEFAULTS,
  BrokerError,
  renderElasticMqConfig,
  resolveBrokerOptions,
  standardQueues,
} from "../../src/broker/index.js";

describe("standardQueues", () => {
  it("gives the jobs queue a redrive policy to the DLQ with AWS's defaults", () => {
    // Act
    const queues = standardQueues({ prefix: "t1-" });

    // Assess
    expect(queues.map((q) => q.name)).toEqual(["t1-jobs", "t1-results", "t1-jobs-dlq"]);
    expect(queues[0]).toEqual({
      name: "t1-jobs",
      visibilityTimeoutSeconds: 30,
      receiveMessageWaitSeconds: 0,
      maximumMessageSizeBytes: 262_144,
      deadLetter: { queueName: "t1-jobs-dlq", maxReceiveCount: 5 },
    });
    expect(queues[2]?.deadLetter).toBeUndefined();
  });

  it("sizes jobs and DLQ as asked and lets results be as large as SQS allows (1 MiB)", () => {
    // Act
    const queues = standardQueues({ maximumMessageSizeBytes: 1_000_000 });

    // Assess
    expect(queues.map((q) => [q.name, q.maximumMessageSizeBytes])).toEqual([
      ["jobs", 1_000_000],
      ["results", 1_048_576],
      ["jobs-dlq", 1_000_000],
    ]);
  });
});

describe("resolveBrokerOptions", () => {
  it("applies defaults, freezes the result and leaves the caller's object alone", () => {
    // Prepare
    const input = { queues: [{ name: "a" }], jvmArgs: ["-Dx=1"] };
    const before = structuredClone(input);

    // Act
    const opts = resolveBrokerOptions(input);

    // Assess
    expect(opts.kind).toBe("auto");
    expect(opts.region).toBe(BROKER_DEFAULTS.region);
    expect(opts.queues[0]?.visibilityTimeoutSeconds).toBe(30);
    expect(Object.isFrozen(opts)).toBe(true);
    expect(Object.isFrozen(opts.queues[0])).toBe(true);
    expect(input).toEqual(before);
  });

  it("reports every problem at once with a stable code", () => {
    // Prepare
    const input = {
      kind: "external" as const,
      queues: [
        { name: "bad name!" },
        {
          name: "jobs",
          visibilityTimeoutSeconds: 50_000,
          deadLetter: { queueName: "missing", maxReceiveCount: 0 },
        },
        { name: "jobs", receiveMessageWaitSeconds: 21, maximumMessageSizeBytes: 1_048_577 },
      ],
      storage: "disk" as "h2",
      restart: { maxRestarts: -1, windowMs: 0 },
      startupTimeoutMs: -1,
      elasticmqVersion: "latest",
    };

    // Act
    let caught: unknown;
    try {
      resolveBrokerOptions(input);
    } catch (err) {
      caught = err;
    }

    // Assess
    expect(caught).toBeInstanceOf(BrokerError);
    const error = caught as BrokerError;
    expect(error.code).toBe("QS_BROKER_INVALID_OPTIONS");
    expect(formatIssues(error.issues).split("; ")).toEqual([
      "queues: queue names must be unique",
      "queues[0] (bad name!).name: must be 1-80 of [A-Za-z0-9_-]",
      "queues[1] (jobs).visibilityTimeoutSeconds: must be an integer between 0 and 43,200",
      "queues[1] (jobs).deadLetter.queueName: must name another queue in the list",
      "queues[1] (jobs).deadLetter.maxReceiveCount: must be an integer between 1 and 1,000",
      "queues[2] (jobs).receiveMessageWaitSeconds: must be an integer between 0 and 20",
      "queues[2] (jobs).maximumMessageSizeBytes: must be an integer between 1,024 and 1,048,576",
      "endpoint: required when kind is 'external'",
      "elasticmqVersion: must look like 1.7.1, got latest",
      "storage: must be one of h2, memory",
      "restart.maxRestarts: must be an integer >= 0",
      "restart.windowMs: must be > 0",
      "startupTimeoutMs: must be > 0",
    ]);
    expect(error.field).toBe("queues");
  });
});

describe("renderElasticMqConfig", () => {
  it("declares each queue with its timeouts and dead-letter queue, bound to the given host", () => {
    // Prepare
    const queues = standardQueues({
      prefix: "p-",
      visibilityTimeoutSeconds: 4,
      maxReceiveCount: 3,
    });

    // Act
    const conf = renderElasticMqConfig({
      queues,
      bindHost: "127.0.0.1",
      port: 40000,
      visibleHost: "127.0.0.1",
      visiblePort: 40000,
      region: "us-east-1",
    });

    // Assess
    expect(conf).toContain('bind-hostname = "127.0.0.1"');
    expect(conf).toContain("bind-port = 40000");
    expect(conf).toMatch(
      /"p-jobs" \{\s+defaultVisibilityTimeout = 4 seconds\s+receiveMessageWait = 0 seconds\s+deadLettersQueue \{\s+name = "p-jobs-dlq"\s+maxReceiveCount = 3\s+\}/,
    );
    expect(conf).toContain('"p-jobs-dlq" {');
    expect(conf).not.toContain("messages-storage");
  });

  it("keeps messages in the given H2 file, written at every commit, when storage is asked", () => {
    // Act
    const conf = renderElasticMqConfig({
      queues: standardQueues(),
      bindHost: "127.0.0.1",
      port: 40000,
      visibleHost: "127.0.0.1",
      visiblePort: 40000,
      region: "us-east-1",
      storageFile: "/tmp/run-1/messages",
    });

    // Assess
    expect(conf).toMatch(
      /messages-storage \{\s+enabled = true\s+uri = "jdbc:h2:file:\/tmp\/run-1\/messages;WRITE_DELAY=0"\s+\}/,
    );
  });
});
