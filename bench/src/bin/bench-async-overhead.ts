#!/usr/bin/env node
// npm run bench:async-overhead — what the async path adds around the analytics work, locally:
// (1) at low load, end-to-end latency minus handler time (queueing, polling, batching, result
//     delivery), p50 and p99; (2) at saturation (a backlog drained with batch size 10), jobs/s as
//     a ratio of the raw core's throughput on the same cores. Not a test: it prints figures.
// The saturation drain lives in overhead-drain.ts, its accounting in overhead-accounting.ts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BROKER_DEFAULTS, type BrokerStorage, BrokerStorages } from "../broker/index.js";
import { createHttpSender, createSchedule, runOpenModel } from "../load/index.js";
import { Histogram } from "../metrics/index.js";
import { SCENARIO_DEFAULTS } from "../scenario/index.js";
import { type CollectedResult, type StartedAsyncStack, startAsyncStack } from "../stack/index.js";
import { round } from "./overhead-accounting.js";
import { drain, RoundTally, type Saturation } from "./overhead-drain.js";

const { values } = parseArgs({
  options: {
    "low-rate": { type: "string", default: "5" },
    "low-seconds": { type: "string", default: "20" },
    backlog: { type: "string", default: "1500" },
    // What the broker's durability costs: compare h2 (default) with memory.
    "broker-storage": { type: "string", default: BROKER_DEFAULTS.storage },
    json: { type: "boolean", default: false },
    // A .cpuprofile of the harness over the measured drain's CPU window (overhead-profile.ts).
    "cpu-prof": { type: "string" },
  },
});
const lowRate = Number(values["low-rate"]);
const lowSeconds = Number(values["low-seconds"]);
const backlog = Number(values.backlog);
const brokerStorage = values["broker-storage"] as BrokerStorage;
if (!BrokerStorages.includes(brokerStorage)) {
  process.stderr.write(
    `bench:async-overhead: --broker-storage must be ${BrokerStorages.join(" or ")}\n`,
  );
  process.exit(2);
}
const SIZE = 1000; // customers per request, as bench:sync
const request = (seed: number) => ({ dataset: { kind: "synthetic", size: SIZE, seed } });
const log = (s: string) => process.stderr.write(`${s}\n`);
const cores = availableParallelism();

/** Warms the environments (2 s at 20/s, then 2 s idle): the figure is the steady state, cold starts apart. */
async function warmUp(stack: StartedAsyncStack): Promise<void> {
  const warm = createHttpSender({
    url: stack.enqueueUrl,
    connections: 4,
    body: (a) => JSON.stringify(request(a.index)),
  });
  await runOpenModel({
    schedule: createSchedule({ executor: "constant-arrival-rate", rate: 20, duration: 2 }),
    send: warm.send,
    onSample: () => {},
  });
  await warm.close();
  await new Promise((r) => setTimeout(r, 2_000));
}

async function lowLoad(): Promise<{ p50: number; p99: number; n: number; e2eP50: number }> {
  const overhead = new Histogram();
  const e2e = new Histogram();
  const intended = new Map<string, number>();
  const done = new Set<string>();
  let startEpochMs = 0;
  const onResult = (r: CollectedResult) => {
    const t0 = intended.get(r.jobId);
    if (t0 === undefined || r.duplicate) return;
    const handlerMs = r.result.timings.handlerEndAt - r.result.timings.handlerStartAt;
    e2e.record((r.receivedAtMs - t0) * 1000);
    overhead.record(Math.max(0, r.receivedAtMs - t0 - handlerMs) * 1000);
    done.add(r.jobId);
  };
  const stack = await startAsyncStack({
    ...SCENARIO_DEFAULTS.async,
    maxConcurrency: cores,
    brokerStorage,
    log,
    onResult,
  });
  try {
    await warmUp(stack);
    const sender = createHttpSender({
      url: stack.enqueueUrl,
      connections: 4,
      body: (a) => JSON.stringify(request(a.index)),
      onResponse: ({ arrival, status, body }) => {
        if (status === 202 && body)
          intended.set(
            (JSON.parse(body) as { jobId: string }).jobId,
            startEpochMs + arrival.intendedUs / 1000,
          );
      },
    });
    startEpochMs = performance.timeOrigin + performance.now();
    const run = await runOpenModel({
      schedule: createSchedule({
        executor: "constant-arrival-rate",
        rate: lowRate,
        duration: lowSeconds,
      }),
      send: sender.send,
      onSample: () => {},
    });
    await sender.close();
    const deadline = Date.now() + 30_000;
    while (done.size < run.sent && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    return {
      p50: overhead.percentile(50) / 1000,
      p99: overhead.percentile(99) / 1000,
      n: overhead.count,
      e2eP50: e2e.percentile(50) / 1000,
    };
  } finally {
    await stack.stop();
  }
}

async function saturation(): Promise<Saturation> {
  const tally = new RoundTally();
  const stack = await startAsyncStack({
    ...SCENARIO_DEFAULTS.async,
    maxConcurrency: cores,
    brokerStorage,
    batchSize: 10,
    log,
    onResult: tally.onResult,
  });
  try {
    // The first thousands of calls to a fresh JVM broker pay for its JIT compiler; a warm-up
    // backlog first, so the figure is the steady state the benchmark is about.
    await drain(stack, tally, request, "warmup", Math.min(1_000, backlog));
    return await drain(stack, tally, request, "measured", backlog, values["cpu-prof"]);
  } finally {
    await stack.stop();
  }
}

async function rawCore(seconds: number): Promise<number> {
  const loop = fileURLToPath(new URL("./core-loop.js", import.meta.url));
  const runs = Array.from({ length: cores }, async () => {
    const child = spawn(process.execPath, [loop, JSON.stringify(request(1)), String(seconds)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      out += c;
    });
    await once(child, "close");
    return (JSON.parse(out) as { opsPerSecond: number }).opsPerSecond;
  });
  return (await Promise.all(runs)).reduce((a, b) => a + b, 0);
}

async function main(): Promise<void> {
  log(
    `bench:async-overhead: ${cores} cores, ${SIZE}-customer jobs, broker storage ${brokerStorage}; low load ${lowRate}/s for ${lowSeconds} s, then a ${backlog}-job backlog`,
  );
  // --low-seconds 0 skips the low-load phase (repeated saturation runs for the CPU share).
  const low =
    lowSeconds > 0
      ? await lowLoad()
      : { p50: Number.NaN, p99: Number.NaN, n: 0, e2eP50: Number.NaN };
  const sat = await saturation();
  const core = await rawCore(5);
  const summary = {
    cores,
    brokerStorage,
    lowLoad: {
      rate: lowRate,
      jobs: low.n,
      overheadP50Ms: round(low.p50),
      overheadP99Ms: round(low.p99),
      endToEndP50Ms: round(low.e2eP50),
    },
    saturation: {
      batchSize: 10,
      jobs: sat.jobs,
      jobsPerSecond: round(sat.jobsPerSecond),
      rawCoreOpsPerSecond: round(core),
      ratio: round(sat.jobsPerSecond / core, 3),
      cpuWindowJobs: sat.windowJobs,
      harnessCpuMsPerJob: round(sat.harnessCpuPerJob * 1000, 3),
      analysesCpuMsPerJob: round(sat.analysesCpuPerJob * 1000, 3),
      harnessShareOfAnalyses: round(sat.harnessCpuPerJob / sat.analysesCpuPerJob, 3),
      harnessSqsCallsPerJob: round(sat.sqsCallsPerJob, 3),
      harnessSqsCallsPerJobByKind: sat.sqsCallsPerJobByKind,
    },
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  process.stdout.write(
    `${[
      `low load (${lowRate}/s, ${low.n} jobs)   e2e - handler: p50 ${summary.lowLoad.overheadP50Ms} ms, p99 ${summary.lowLoad.overheadP99Ms} ms (goal p50 <= 5 ms); e2e p50 ${summary.lowLoad.endToEndP50Ms} ms`,
      `saturation (batch 10)       ${summary.saturation.jobsPerSecond} jobs/s vs raw core ${summary.saturation.rawCoreOpsPerSecond}/s on ${cores} cores: ratio ${summary.saturation.ratio} (goal >= 0.85)`,
      `harness CPU (saturation)    ${summary.saturation.harnessCpuMsPerJob} ms/job (event source mapping + pool + result collector) vs analyses ${summary.saturation.analysesCpuMsPerJob} ms/job: share ${summary.saturation.harnessShareOfAnalyses} (goal <= 0.15) over ${sat.windowJobs} jobs, ${summary.saturation.harnessSqsCallsPerJob} SQS calls/job`,
    ].join("\n")}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:async-overhead failed: ${String(err)}\n`);
    process.exit(1);
  },
);
