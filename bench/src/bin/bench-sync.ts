#!/usr/bin/env node
// npm run bench:sync — the sync service's saturated throughput vs the raw core's, on the same cores.
// Not a test: it prints figures (README "Performance"). Flags: --seconds N, --size N, --connections N, --json.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { type CorePlan, pinnedCommand, planCores } from "./pinning.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SERVICE_MAIN = here("../../../sync-service/dist/main.js");
const CORE_LOOP = here("./core-loop.js");

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    size: { type: "string", default: "1000" },
    connections: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const size = Number(values.size);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
for (const [name, v] of [
  ["--seconds", seconds],
  ["--size", size],
  ["--connections", connections],
  ["--rounds", rounds],
] as const) {
  if (!Number.isInteger(v) || v <= 0) {
    process.stderr.write(`bench:sync: ${name} must be a positive integer\n`);
    process.exit(2);
  }
}
const request = { dataset: { kind: "synthetic", size, seed: 20_261_126 } };

async function rawCore(plan: CorePlan): Promise<number> {
  const runs = Array.from({ length: plan.serviceCoreCount }, (_, i) => {
    const [cmd, args] = pinnedCommand(plan, String(i), [
      process.execPath,
      CORE_LOOP,
      JSON.stringify(request),
      String(seconds),
    ]);
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      out += c;
    });
    return once(child, "close").then(
      () => (JSON.parse(out) as { opsPerSecond: number }).opsPerSecond,
    );
  });
  return (await Promise.all(runs)).reduce((a, b) => a + b, 0);
}

async function startService(plan: CorePlan): Promise<{ url: string; stop(): Promise<void> }> {
  const [cmd, args] = pinnedCommand(plan, plan.serviceCores, [process.execPath, SERVICE_MAIN]);
  const child = spawn(cmd, args, {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      WORKERS: String(plan.serviceCoreCount),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      buf += c;
      const m = /"event":"listening","port":(\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`sync service exited early with code ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/v1/analyze`,
    async stop() {
      child.kill("SIGTERM");
      await once(child, "close");
    },
  };
}

function load(url: string, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
    connections,
    duration,
  });
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const plan = planCores();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(
    `bench:sync: ${plan.note}; ${size}-customer requests; ${rounds} alternating rounds of ${seconds} s`,
  );
  const service = await startService(plan);
  try {
    await load(service.url, 3); // warm-up
    const cores: number[] = [];
    const served: number[] = [];
    const p99s: number[] = [];
    let non2xx = 0;
    let errors = 0;
    // Alternate raw-core and service rounds: this VM's speed drifts, a single pair misleads.
    for (let i = 0; i < rounds; i++) {
      log(`round ${i + 1}/${rounds}: raw core, then the service`);
      cores.push(await rawCore(plan));
      const r = await load(service.url, seconds);
      served.push(r.requests.average);
      p99s.push(r.latency.p99);
      non2xx += r.non2xx;
      errors += r.errors;
    }
    const ratios = served.map((x, i) => x / (cores[i] ?? Number.NaN));
    const summary = {
      machine: { cores: plan.serviceCoreCount + (plan.pinned ? 1 : 0), pinning: plan.note },
      requestSize: size,
      workers: plan.serviceCoreCount,
      rounds,
      rawCoreOpsPerSecond: Math.round(median(cores)),
      serviceRequestsPerSecond: Math.round(median(served)),
      ratio: Number(median(ratios).toFixed(3)),
      ratios: ratios.map((x) => Number(x.toFixed(3))),
      latencyP99Ms: median(p99s),
      non2xx,
      errors,
      connections,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    process.stdout.write(
      `${[
        `cores for the service  ${summary.workers} (${plan.note})`,
        `raw core throughput    ${summary.rawCoreOpsPerSecond} analyses/s median (${size} customers, incl. JSON serialisation)`,
        `service throughput     ${summary.serviceRequestsPerSecond} req/s median (${connections} connections, closed model)`,
        `ratio service/core     ${summary.ratio} median of rounds ${summary.ratios.join(", ")}  (goal >= 0.90)`,
        `latency p99            ${summary.latencyP99Ms} ms (median of rounds)`,
        `non-2xx / errors       ${non2xx} / ${errors}`,
      ].join("\n")}\n`,
    );
  } finally {
    await service.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sync failed: ${String(err)}\n`);
  process.exit(1);
});
