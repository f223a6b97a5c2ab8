/**
 * bench:core — the analytics core's raw single-threaded speed: how long one `analyze` call takes
 * per dataset size and workload preset, and how many 1,000-customer requests one process can do
 * per second. The sync service's throughput is judged against these figures.
 *
 * Usage: node bench/dist/bin/bench-core.js [--json] [--budget-ms 3000]
 */
import { cpus, loadavg } from "node:os";
import {
  type AnalyzeRequest,
  analyze,
  quantileSorted,
  WORKLOAD_NAMES,
  WORKLOADS,
} from "@queueshift/shared-model";

/** Measurement bounds (units in comments); every loop stops at whichever bound it hits first. */
const DEFAULTS = {
  warmupMs: 300, // ms of warm-up per case, so V8 has optimised the hot paths
  warmupMaxIterations: 50,
  budgetMs: 3_000, // ms of measurement per case: 7 cases stay well under the 40 s target
  minIterations: 10,
  maxIterations: 5_000,
} as const;

interface Case {
  readonly name: string;
  readonly request: AnalyzeRequest;
}

/** One case's figures, in milliseconds per `analyze` call. */
interface CaseResult {
  readonly name: string;
  readonly customers: number;
  readonly iterations: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly requestsPerSecond: number;
}

const SIZES = [100, 1_000, 10_000, 50_000] as const;

function cases(): Case[] {
  const bySize = SIZES.map((size) => ({
    name: `size ${size}`,
    request: { dataset: { kind: "synthetic", size, seed: 42 } } as const,
  }));
  const presets = WORKLOAD_NAMES.map((name) => ({
    name: `preset ${name}`,
    request: WORKLOADS[name],
  }));
  return [...bySize, ...presets];
}

function sizeOf(request: AnalyzeRequest): number {
  const ds = request.dataset;
  return ds.kind === "inline" ? ds.customers.length : ds.size;
}

let customersAnalysed = 0; // Every result feeds this, so V8 cannot drop a call as dead code.

function measure(c: Case, budgetMs: number): CaseResult {
  const nsPerMs = 1_000_000n;
  const warmupEnd = process.hrtime.bigint() + BigInt(DEFAULTS.warmupMs) * nsPerMs;
  for (let i = 0; i < DEFAULTS.warmupMaxIterations && process.hrtime.bigint() < warmupEnd; i++) {
    customersAnalysed += analyze(c.request).datasetSize;
  }
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  const end = start + BigInt(budgetMs) * nsPerMs;
  let now = start;
  while (
    samples.length < DEFAULTS.maxIterations &&
    (samples.length < DEFAULTS.minIterations || now < end)
  ) {
    const t0 = process.hrtime.bigint();
    customersAnalysed += analyze(c.request).datasetSize;
    now = process.hrtime.bigint();
    samples.push(Number(now - t0) / 1e6);
  }
  const sorted = Float64Array.from(samples).sort();
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    name: c.name,
    customers: sizeOf(c.request),
    iterations: samples.length,
    medianMs: quantileSorted(sorted, 0.5),
    p99Ms: quantileSorted(sorted, 0.99),
    meanMs: total / samples.length,
    requestsPerSecond: (samples.length * 1000) / total,
  };
}

function fixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

/** Renders results as an aligned text table (strings only; printing happens in `main`). */
function renderTable(results: readonly CaseResult[]): string {
  const header = ["case", "customers", "runs", "median ms", "p99 ms", "mean ms", "req/s"];
  const rows = results.map((r) => [
    r.name,
    String(r.customers),
    String(r.iterations),
    fixed(r.medianMs, 3),
    fixed(r.p99Ms, 3),
    fixed(r.meanMs, 3),
    fixed(r.requestsPerSecond, 1),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function parseArgs(argv: readonly string[]): { json: boolean; budgetMs: number } {
  const json = argv.includes("--json");
  const at = argv.indexOf("--budget-ms");
  const budgetMs = at >= 0 ? Number(argv[at + 1]) : DEFAULTS.budgetMs;
  if (!Number.isFinite(budgetMs) || budgetMs <= 0 || budgetMs > 5_000) {
    throw new RangeError("--budget-ms must be a number in (0, 5000]");
  }
  return { json, budgetMs };
}

function main(): void {
  const { json, budgetMs } = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0] ?? 0;
  const results = cases().map((c) => measure(c, budgetMs));
  const oneThousand = results.find((r) => r.name === "size 1000");
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cpus: cpus().length,
    // Other processes may share the cores: a load average near or above `cpus` inflates figures.
    loadAverage1mBefore: loadBefore,
    loadAverage1mAfter: loadavg()[0] ?? 0,
  };
  if (json) {
    const doc = {
      schemaVersion: 1,
      kind: "bench-core",
      machine,
      budgetMs,
      results,
      customersAnalysed,
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const load = `load ${fixed(loadBefore, 2)} -> ${fixed(machine.loadAverage1mAfter, 2)}`;
  process.stdout.write(
    `bench:core  node ${machine.node}  ${machine.cpu} x${machine.cpus}  ${load}\n\n`,
  );
  process.stdout.write(`${renderTable(results)}\n\n`);
  process.stdout.write(
    `single-process throughput, 1,000-customer requests: ${fixed(oneThousand?.requestsPerSecond ?? 0, 1)} req/s\n`,
  );
}

main();
