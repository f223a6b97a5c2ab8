import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureScilearnVenv, SCILEARN_DIR, SCILEARN_PYTHON } from "./scilearn-venv.js";

const envelope = (jobId: string, payload: unknown) =>
  JSON.stringify({ jobId, enqueuedAt: 1_764_633_600_000, payload });

// An SQS event as Lambda delivers it (only the fields the handler reads differ per record).
const event = {
  Records: [
    { messageId: "m-ok-synthetic", body: envelope("j1", { synthetic: { size: 50, seed: 3 } }) },
    {
      messageId: "m-ok-inline",
      body: envelope("j2", {
        customers: [
          { id: "a", recencyDays: 3, frequency: 5, monetary: 120.5 },
          { id: "b", recencyDays: 200, frequency: 1, monetary: 9.9 },
        ],
      }),
    },
    { messageId: "m-poison-not-json", body: "{not json" },
    {
      messageId: "m-poison-no-job-id",
      body: JSON.stringify({ payload: { synthetic: { size: 5 } } }),
    },
    {
      messageId: "m-poison-negative",
      body: envelope("j5", { customers: [{ recencyDays: -1, frequency: 1, monetary: 1 }] }),
    },
    { messageId: "m-poison-too-big", body: envelope("j6", { synthetic: { size: 1_000_000 } }) },
  ].map((r) => ({ ...r, eventSource: "aws:sqs", attributes: { ApproximateReceiveCount: "1" } })),
};

// Real Python: handler.py's function in the example's venv (scikit-learn, pandas), no mocks.
describe("examples/scilearn handler.py", () => {
  beforeAll(ensureScilearnVenv, 600_000);

  it("reports exactly the poison records in batchItemFailures", async () => {
    // Act
    const { stdout } = await promisify(execFile)(
      SCILEARN_PYTHON,
      [
        "-c",
        "import json, sys, handler; print(json.dumps(handler.handler(json.loads(sys.argv[1]), None)))",
        JSON.stringify(event),
      ],
      { cwd: SCILEARN_DIR, timeout: 120_000 },
    );

    // Assess
    expect(JSON.parse(stdout)).toEqual({
      batchItemFailures: [
        { itemIdentifier: "m-poison-not-json" },
        { itemIdentifier: "m-poison-no-job-id" },
        { itemIdentifier: "m-poison-negative" },
        { itemIdentifier: "m-poison-too-big" },
      ],
    });
  }, 120_000);

  it("scores deterministically: the same request gives the same answer in a fresh process", async () => {
    // Prepare
    const script =
      "import json, model; print(json.dumps(model.Model().score(model.customers_of({'synthetic': {'size': 300, 'seed': 9}}))))";
    const run = () =>
      promisify(execFile)(SCILEARN_PYTHON, ["-c", script], { cwd: SCILEARN_DIR, timeout: 120_000 });

    // Act
    const [a, b] = await Promise.all([run(), run()]);

    // Assess
    const first = JSON.parse(a.stdout);
    expect(b.stdout).toBe(a.stdout);
    expect(first.customers).toBe(300);
    expect(first.segments).toHaveLength(4);
    expect(first.expectedConversions).toBeGreaterThan(0);
  }, 120_000);
});
