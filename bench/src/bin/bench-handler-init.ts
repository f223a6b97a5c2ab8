#!/usr/bin/env node
// npm run bench:handler-init — the handler bundle's size and its cold start (process start ->
// the runtime's first Runtime API `next`, median of N) in the local execution environment, next
// to the same environment loading an empty handler (the floor: Node's own start plus the runtime
// loop), and the per-invocation overhead of the Runtime API round trip (an empty handler's warm
// invocations, platform side: event handed over -> response back). Not a test: it prints.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../clock/index.js";
import { CONTAINER_IMAGES, inspectImages } from "../containers/images.js";
import { lambdaContainerLauncher } from "../containers/lambda-containers.js";
import { useContainerRuntime } from "../containers/runtime-env.js";
import {
  type EnvironmentLauncher,
  ExecutionEnvironment,
  resolveFunctionConfig,
} from "../lambda/index.js";
import { readProc } from "../process/proc-reader.js";
import { ARTEFACTS, requireArtefact } from "../stack/index.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    invocations: { type: "string", default: "500" },
    json: { type: "boolean", default: false },
  },
});
const invocations = Number(values.invocations);
if (!Number.isInteger(invocations) || invocations < 10 || invocations > 100_000) {
  process.stderr.write("bench:handler-init: --invocations must be an integer from 10 to 100000\n");
  process.exit(2);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  process.stderr.write("bench:handler-init: --runs must be an integer from 1 to 100\n");
  process.exit(2);
}

async function coldStarts(handlerPath: string, launcher?: EnvironmentLauncher): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const env = await ExecutionEnvironment.start({
      ...(launcher === undefined ? {} : { launcher }),
      config: resolveFunctionConfig({
        handlerPath,
        memorySizeMB: 1769,
        // The handler's init only reads these; nothing is contacted before the first invocation.
        environment: {
          RESULTS_QUEUE_URL: "http://127.0.0.1:9/000000000000/results",
          SQS_ENDPOINT: "http://127.0.0.1:9",
        },
      }),
    });
    out.push(env.initDurationMs);
    await env.kill();
  }
  return out.sort((a, b) => a - b);
}

/** CPU seconds (user + system) a live process has used so far (/proc, 10 ms ticks). */
function cpuSecondsOf(pid: number): number {
  const reading = readProc(pid);
  if (reading === undefined) throw new Error(`environment process ${pid} is gone`);
  return reading.cpuSeconds;
}

/**
 * Warm invocations of an empty handler after 50 unmeasured ones: round trips in ms (sorted) and
 * the CPU both sides spent per invocation in us (robust where a busy machine makes wall time noisy).
 */
async function warmRoundTrips(handlerPath: string): Promise<{ ms: number[]; cpuUs: number }> {
  const env = await ExecutionEnvironment.start({
    config: resolveFunctionConfig({ handlerPath, memorySizeMB: 1769 }),
  });
  const out: number[] = [];
  let cpu = { parent: process.cpuUsage(), child: 0 };
  try {
    for (let i = 0; i < 50 + invocations; i++) {
      if (i === 50) cpu = { parent: process.cpuUsage(), child: cpuSecondsOf(env.pid) };
      const t0 = systemClock.nowUs();
      const r = await env.invoke({ Records: [] });
      if (!r.ok) throw r.error;
      if (i >= 50) out.push((systemClock.nowUs() - t0) / 1_000);
    }
    const parent = process.cpuUsage(cpu.parent);
    const childUs = (cpuSecondsOf(env.pid) - cpu.child) * 1e6;
    const cpuUs = (parent.user + parent.system + childUs) / invocations;
    return { ms: out.sort((a, b) => a - b), cpuUs };
  } finally {
    await env.kill();
  }
}

function nodeAlone(): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

/** The Lambda image's cold start (container run -> first `next`), or why it was not measured. */
async function containerColdStarts(bundle: string): Promise<number[] | string> {
  try {
    await useContainerRuntime();
    await inspectImages([CONTAINER_IMAGES.lambda]);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return coldStarts(bundle, lambdaContainerLauncher());
}

const median = (xs: number[]) => xs[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(1)} ms (min ${xs[0]?.toFixed(1)}, max ${xs.at(-1)?.toFixed(1)})`;

async function main(): Promise<void> {
  const bundle = requireArtefact(ARTEFACTS.handlerBundle);
  const { size } = await stat(bundle);
  const dir = await mkdtemp(join(tmpdir(), "qs-empty-handler-"));
  const empty = join(dir, "empty.mjs");
  await writeFile(empty, "export const handler = async () => ({ batchItemFailures: [] });\n");
  try {
    const node = nodeAlone();
    const floor = await coldStarts(empty);
    const real = await coldStarts(bundle);
    const warm = await warmRoundTrips(empty);
    const trips = warm.ms;
    const p99 = trips[Math.floor((trips.length - 1) * 0.99)] ?? Number.NaN;
    const container = await containerColdStarts(bundle);
    const summary = {
      runs,
      bundleBytes: size,
      nodeAloneMs: median(node),
      emptyHandlerColdStartMs: median(floor),
      handlerColdStartMs: median(real),
      handlerColdStartMinMs: real[0],
      handlerColdStartMaxMs: real.at(-1),
      invocations,
      invocationRoundTripP50Ms: median(trips),
      invocationRoundTripP99Ms: p99,
      invocationCpuUs: warm.cpuUs,
      ...(typeof container === "string"
        ? { containerSkipped: container }
        : { containerColdStartMs: median(container) }),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    process.stdout.write(
      `${[
        `handler bundle          ${bundle} (${(size / 1024).toFixed(0)} KiB)`,
        `node alone (-e 0)       ${fmt(node)}`,
        `empty handler cold      ${fmt(floor)}  (runtime shim floor)`,
        `handler cold start      ${fmt(real)}  (process start -> first Runtime API next; goal <= 150 ms)`,
        `warm invocation         p50 ${median(trips).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms  (empty handler, Runtime API round trip, ${invocations} invocations)`,
        `warm invocation CPU     ${warm.cpuUs.toFixed(0)} us per invocation (platform + environment process)`,
        typeof container === "string"
          ? `container cold start    not measured: ${container}`
          : `container cold start    ${fmt(container)}  (${CONTAINER_IMAGES.lambda}: run -> first next)`,
        `runs                    ${runs}`,
      ].join("\n")}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:handler-init failed: ${String(err)}\n`);
  process.exit(1);
});
