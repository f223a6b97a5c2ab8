// Acceptance of the Runtime API platform with real runtimes against a real ElasticMQ: the
// built-in runtime, AWS's Node.js client (aws-lambda-ric under Node 22) and AWS's Python client
// (awslambdaric) each run a user's SQS handler over 200 jobs with 10% poison: exactly the poison
// jobs reach the DLQ after maxReceiveCount, every other job succeeds once, nothing is lost; then
// a job that hangs is killed at the timeout and redelivered until it too reaches the DLQ. Each
// environment runs under its memory size's CPU share (512 MB: 0.29 of a core), as in a run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvocationSample, PlatformSample } from "../../src/lambda/index.js";
import { CpuQuotas } from "../../src/process/cpu-quota.js";
import { SCENARIO_DEFAULTS } from "../../src/scenario/index.js";
import type { AsyncFunctionTarget } from "../../src/scenario/validate-async-target.js";
import {
  type CollectedResult,
  type StartedAsyncStack,
  startAsyncStack,
} from "../../src/stack/index.js";
import { RIC_FIXTURES, setUpRuntimeClients } from "./ric-setup.js";
import { eventually, inParallel, postJson } from "./support.js";

const JOBS = 200;
const MAX_RECEIVE_COUNT = 2;

beforeAll(() => setUpRuntimeClients(), 600_000);

// One set of quotas per process: its cgroup folder is named after the pid.
const quotas = CpuQuotas.open();
afterAll(() => quotas.close());

const runtimes: Array<[string, AsyncFunctionTarget]> = [
  ["builtin", { runtime: "builtin", codeDir: RIC_FIXTURES, handler: "sqs-handler.handler" }],
  ["nodejs22.x", { runtime: "nodejs22.x", codeDir: RIC_FIXTURES, handler: "sqs-handler.handler" }],
  ["python3.12", { runtime: "python3.12", codeDir: RIC_FIXTURES, handler: "sqs_handler.handler" }],
];

describe.each(runtimes)("a user's SQS handler on the %s runtime", (_name, target) => {
  let stack: StartedAsyncStack;
  const samples: PlatformSample[] = [];
  const results = new Map<string, CollectedResult>();

  beforeAll(async () => {
    stack = await startAsyncStack({
      ...SCENARIO_DEFAULTS.async,
      brokerStorage: "memory",
      memorySizeMB: 512,
      maxConcurrency: 2,
      functionTimeoutSeconds: 1,
      visibilityTimeoutSeconds: 5, // > any batch here, so only failures are redelivered
      maxReceiveCount: MAX_RECEIVE_COUNT,
      function: target,
      cpuQuotas: quotas,
      onPlatformSample: (s) => samples.push(s),
      onResult: (r) => results.set(r.jobId, r),
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("sends exactly the poison jobs to the DLQ and completes every other job once", async () => {
    const ids = await inParallel(JOBS, 8, async (i) => {
      const { status, body } = await postJson(stack.enqueueUrl, { i, poison: i % 10 === 0 });
      expect(status).toBe(202);
      return { id: String(body.jobId), poison: i % 10 === 0 };
    });
    const poison = ids.filter((j) => j.poison).map((j) => j.id);
    const good = ids.filter((j) => !j.poison).map((j) => j.id);
    let dlq: string[] = [];
    const settled = await eventually(
      async () => {
        dlq = await stack.dlqJobIds();
        return results.size >= good.length && dlq.length >= poison.length;
      },
      90_000,
      500,
    );
    expect(settled).toBe(true);
    expect([...results.keys()].sort()).toEqual([...good].sort());
    expect([...dlq].sort()).toEqual([...poison].sort());
    expect(stack.counters().collector.duplicates).toBe(0);
    for (const r of results.values()) expect(r.result.status).toBe("succeeded");
    const depth = await stack.queueDepth();
    expect(depth.visible + depth.inFlight).toBe(0);
  }, 150_000);

  it("kills a handler that runs past its timeout and redelivers its batch until the DLQ", async () => {
    const jobId = `hang-${_name}`;
    await stack.sendRaw(
      JSON.stringify({ jobId, enqueuedAt: Date.now(), payload: { action: "hang" } }),
    );
    const inDlq = await eventually(
      async () => (await stack.dlqJobIds()).includes(jobId),
      60_000,
      500,
    );
    expect(inDlq).toBe(true);
    const timeouts = samples.filter(
      (s): s is InvocationSample => s.type === "invocation" && s.errorCode === "QS_LAMBDA_TIMEOUT",
    );
    // Each receive ran into the 1 s timeout; the environment was killed each time.
    expect(timeouts.length).toBe(MAX_RECEIVE_COUNT);
    expect(results.has(jobId)).toBe(false);
  }, 90_000);
});
