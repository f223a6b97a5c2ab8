#!/usr/bin/env node
// npm run bench:cpu-share — does CPU follow memory? A CPU-bound handler (the analytics core on a
// synthetic dataset) runs in real execution environments under their CPU quotas at several memory
// sizes; the median handler duration at each size is compared with 1,769 MB (1 vCPU). Lambda would
// give ratios of 1769 / MB (3.46 at 512 MB, 13.8 at 128 MB). Then a sync worker in a Fargate task of
// 0.5 vCPU and of 1 vCPU serves a closed loop: the first should serve about half as many requests
// per second. Not a test: it prints.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { EnvironmentPool } from "../lambda/index.js";
import { CpuQuotas, lambdaCpuShare } from "../process/cpu-quota.js";
import { startSyncStack } from "../stack/index.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    size: { type: "string", default: "20000" },
    job: { type: "string", default: "spin" },
    memory: { type: "string", default: "128,512,1769" },
    "sync-seconds": { type: "string", default: "8" },
  },
});

function intFlag(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    process.stderr.write(
      `bench:cpu-share: --${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}\n`,
    );
    process.exit(2);
  }
  return n;
}

const runs = intFlag("runs", values.runs, 1, 100);
if (values.job !== "spin" && values.job !== "analyze") {
  process.stderr.write(
    `bench:cpu-share: --job must be spin or analyze, got ${JSON.stringify(values.job)}\n`,
  );
  process.exit(2);
}
const job = values.job;
const size = intFlag("size", values.size, 10, 100_000);
const syncSeconds = intFlag("sync-seconds", values["sync-seconds"], 1, 120);
const sizes = values.memory.split(",").map((m) => intFlag("memory", m.trim(), 128, 10_240));
if (!sizes.includes(1769)) sizes.push(1769);

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

/**
 * The handler: `spin`, a fixed arithmetic loop (~100 ms at one core, no allocation, so no GC
 * noise: the ratio is the quota's); or `analyze`, the core on the same synthetic dataset every
 * time (real work, whose garbage collection at small heaps adds spread).
 */
async function writeHandler(dir: string): Promise<string> {
  if (job === "spin") {
    const path = join(dir, "spin.mjs");
    await writeFile(
      path,
      "export const handler = async () => { let x = 0; for (let i = 0; i < 5_000_000; i++) x = (x * 1103515245 + 12345) % 2147483648; return { x }; };\n",
    );
    return path;
  }
  const core = pathToFileURL(
    new URL("../../../shared-model/dist/index.js", import.meta.url).pathname,
  ).href;
  const path = join(dir, "cpu-bound.mjs");
  await writeFile(
    path,
    [
      `import { analyze, parseAnalyzeRequest } from ${JSON.stringify(core)};`,
      `const request = parseAnalyzeRequest({ dataset: { kind: "synthetic", size: ${size}, seed: 1 } });`,
      "export const handler = async () => { analyze(request); return { ok: true }; };",
      "",
    ].join("\n"),
  );
  return path;
}

/** Median handler duration (REPORT Duration) of `runs` warm invocations at `memorySizeMB`. */
async function measure(
  handlerPath: string,
  memorySizeMB: number,
  quotas: CpuQuotas,
): Promise<number[]> {
  const pool = new EnvironmentPool({
    function: { handlerPath, memorySizeMB, timeoutSeconds: 900 },
    maxConcurrency: 1,
    cpuQuotas: quotas,
  });
  try {
    const durations: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const r = await pool.invoke({});
      if (!r.ok) throw new Error(`invocation failed at ${memorySizeMB} MB: ${r.error.message}`);
      if (i > 0) durations.push(r.report.durationMs); // the first is cold (JIT warm-up)
    }
    return durations;
  } finally {
    await pool.close();
  }
}

/** Requests per second one sync worker serves in a task of `vcpu` (closed loop, 4 connections). */
async function syncRate(vcpu: number, quotas: CpuQuotas): Promise<{ rps: number; non2xx: number }> {
  const stack = await startSyncStack({ workers: 1, task: { vcpu, cpuQuotas: quotas } });
  try {
    const run = (duration: number) =>
      autocannon({
        url: stack.analyzeUrl,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ dataset: { kind: "synthetic", size: 1_000, seed: 1 } }),
        connections: 4,
        duration,
      });
    await run(2); // warm-up: JIT and the worker's first requests
    const r = await run(syncSeconds);
    return { rps: r.requests.average, non2xx: r.non2xx + r.errors + r.timeouts };
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const quotas = CpuQuotas.open();
  if (quotas.state.status === "not-applied") {
    process.stderr.write(
      `bench:cpu-share: CPU quotas not applied here (${quotas.state.reason}); durations are at full core\n`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "qs-cpu-share-"));
  try {
    const handler = await writeHandler(dir);
    const byMemory = new Map<number, number[]>();
    for (const mb of sizes) {
      process.stderr.write(
        `bench:cpu-share: ${mb} MB (share ${lambdaCpuShare(mb).toFixed(3)} cores), ${runs} runs...\n`,
      );
      byMemory.set(mb, await measure(handler, mb, quotas));
    }
    const base = median(byMemory.get(1769) ?? []);
    const lines = [
      `cpu shares: ${quotas.state.status === "applied" ? `${quotas.state.mechanism} at ${quotas.state.root}` : `not applied (${quotas.state.reason})`}`,
      `job: ${job === "spin" ? "a fixed arithmetic loop (5M steps)" : `analyze() on ${size} synthetic customers`}; ${runs} warm invocations per size`,
    ];
    for (const mb of sizes) {
      const d = byMemory.get(mb) ?? [];
      const ratio = median(d) / base;
      const expected = 1769 / mb;
      lines.push(
        `${String(mb).padStart(5)} MB  median ${median(d).toFixed(1).padStart(8)} ms (min ${Math.min(...d).toFixed(1)}, max ${Math.max(...d).toFixed(1)})  ratio vs 1,769 MB ${ratio.toFixed(2)} (Lambda: ${expected.toFixed(2)}, error ${(((ratio - expected) / expected) * 100).toFixed(1)} %)`,
      );
    }
    const sync = new Map<number, { rps: number; non2xx: number }>();
    for (const vcpu of [0.5, 1]) {
      process.stderr.write(
        `bench:cpu-share: sync worker in a ${vcpu} vCPU task, ${syncSeconds} s closed loop...\n`,
      );
      sync.set(vcpu, await syncRate(vcpu, quotas));
    }
    const half = sync.get(0.5);
    const full = sync.get(1);
    if (half && full) {
      lines.push(
        `sync worker, 1,000-customer requests: 0.5 vCPU ${half.rps.toFixed(1)} req/s, 1 vCPU ${full.rps.toFixed(1)} req/s, ratio ${(half.rps / full.rps).toFixed(2)} (expected 0.50); failed ${half.non2xx + full.non2xx}`,
      );
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    quotas.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:cpu-share failed: ${String(err)}\n`);
  process.exit(1);
});
