#!/usr/bin/env node
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";
import { ProjectionError } from "../engine/projection-error.js";
import {
  combineSeeds,
  FIDELITY_GOALS,
  FIDELITY_SEEDS,
  type FidelityRow,
  replayRun,
  type SeededFidelityRow,
} from "../fidelity.js";
import { readRun } from "./project-command.js";

/**
 * `npm run bench:projection-fidelity -- [run ...]`: replays local runs in the projection with
 * their own configuration and prints throughput / p50 / p99 errors per scenario against the
 * goals (2 % / 15 % / 30 %). Without arguments it takes the newest steady and spike runs under
 * results/. A benchmark: it prints the true errors, met or not, and asserts nothing.
 */
const USAGE = `Usage: node projection/dist/cli/bench-fidelity.js [--seeds <n>] [--series <dir>] [run-dir | result.json ...]
Without runs: the newest steady and spike runs under results/ (npm run bench writes them).
--seeds <n>     replay each run with seeds 1..n (default ${FIDELITY_SEEDS}) and judge the median replay's figures,
                printing the seeds' range beside them (a burst's p99 varies from seed to seed).
--series <dir>  also write each replay of seed 1 (histograms, 1 s time series) to
                <dir>/<run-id>.replay.json, to set beside the run's own result.json.`;

function newestRuns(root: string): string[] {
  if (!existsSync(root)) return [];
  const dirs = readdirSync(root)
    .filter((d) => existsSync(join(root, d, "result.json")))
    .sort();
  const newest = (scenario: string) => dirs.filter((d) => d.endsWith(`-${scenario}`)).at(-1);
  return ["steady", "spike"].flatMap((s) => {
    const d = newest(s);
    return d === undefined ? [] : [join(root, d)];
  });
}

const pct = (x: number) =>
  Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%` : "n/a";

function lines(
  scenario: string,
  rows: readonly (SeededFidelityRow & { readonly firstError: number })[],
): string[] {
  return rows.map((r) => {
    const unit = r.metric === "throughput" ? "req/s" : "ms";
    const spread =
      r.seeds > 1
        ? `  (${r.seeds} seeds: ${r.min.toFixed(2)}..${r.max.toFixed(2)}, first ${pct(r.firstError)})`
        : "";
    return `${scenario.padEnd(8)} ${r.design.padEnd(6)} ${r.metric.padEnd(10)} run ${r.run.toFixed(2).padStart(10)} ${unit.padEnd(5)} projected ${r.projected.toFixed(2).padStart(10)}  error ${pct(r.error).padStart(8)}  goal ${(r.goal * 100).toFixed(0)}%  ${r.met ? "met" : "NOT MET"}${spread}`;
  });
}

/**
 * A diagnostic beside the goals: the mean INIT wall time of the run's cold starts and of the
 * replay's (seed 1; on the host's cores the drawn INIT work stretched by the shares), which
 * decides when a burst's new environments take messages.
 */
function initLines(doc: ResultDocument, replays: readonly ArchitectureResult[]): string[] {
  return doc.architectures.flatMap((a) => {
    const run = a.histograms.init;
    const replay = replays.find((r) => r.architecture === a.architecture)?.histograms.init;
    if (run === undefined || run.count === 0 || replay === undefined || replay.count === 0)
      return [];
    const ms = (us: number) => `${(us / 1_000).toFixed(1)} ms`;
    return [
      `${doc.scenario.name.padEnd(8)} ${a.architecture.padEnd(6)} INIT wall  run ${ms(run.mean).padStart(13)} mean (n ${run.count})  replay ${ms(replay.mean)} mean (seed 1, n ${replay.count}): a diagnostic, not a goal`,
    ];
  });
}

/** The async stages a run records and a replay simulates, in a job's order. */
const STAGES = ["queueWait", "batchWait", "resultWait"] as const;

/**
 * A diagnostic beside the goals: each async stage's p99 in the run and in the replay (seed 1), which
 * tells where a latency tail comes from (waiting for a poller, for a cold start and the batch's
 * earlier records, or for its later records and the results' way back). A replay's hop before the
 * receive holds the run's calm batchWait median (calibration/local-stages.ts), so its batchWait
 * lacks those few milliseconds and its queueWait has them: compare the tails, not the calm jobs.
 */
function stageLines(doc: ResultDocument, replays: readonly ArchitectureResult[]): string[] {
  const a = doc.architectures.find((x) => x.architecture === "async");
  const replay = replays.find((r) => r.architecture === "async");
  if (a === undefined || replay === undefined) return [];
  const parts = STAGES.flatMap((name) => {
    const run = a.histograms[name];
    const rep = replay.histograms[name];
    if (run === undefined || run.count === 0 || rep === undefined || rep.count === 0) return [];
    return [`${name} ${(run.p99 / 1_000).toFixed(1)}/${(rep.p99 / 1_000).toFixed(1)}`];
  });
  if (parts.length === 0) return [];
  return [
    `${doc.scenario.name.padEnd(8)} async  stages p99 ms, run/replay (seed 1): ${parts.join("  ")}: a diagnostic, not a goal`,
  ];
}

/** A flag's value, or exit 2 naming it. */
function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const v = args[at + 1];
  if (v === undefined || v.startsWith("--")) {
    process.stderr.write(`bench:projection-fidelity: ${name} needs a value\n${USAGE}\n`);
    process.exit(2);
  }
  args.splice(at, 2);
  return v;
}

const args = process.argv.slice(2);
if (args.includes("--help")) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const seriesDir = flag(args, "--series");
const seedsText = flag(args, "--seeds") ?? String(FIDELITY_SEEDS);
const seeds = Number(seedsText);
if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100) {
  process.stderr.write(
    `bench:projection-fidelity: --seeds must be a whole number from 1 to 100, got "${seedsText}"\n${USAGE}\n`,
  );
  process.exit(2);
}
const runs = args.length > 0 ? args : newestRuns(join(process.cwd(), "results"));
if (runs.length === 0) {
  process.stderr.write(
    `bench:projection-fidelity: no runs given and none under results/\n${USAGE}\n`,
  );
  process.exit(2);
}
try {
  let met = 0;
  let all = 0;
  for (const location of runs) {
    const { doc, file } = readRun(location);
    const load = doc.architectures.map(
      (a) => `${a.architecture} ${a.offeredRate.toFixed(0)} req/s offered`,
    );
    process.stdout.write(
      `${file} (${doc.scenario.name}; ${load.join(", ")}; ${doc.cpuShares?.status ?? "no"} CPU shares)\n`,
    );
    const { rows: first, replays } = replayRun(doc, 1, seriesDir === undefined ? 60 : 1);
    const bySeed: FidelityRow[][] = [first];
    for (let seed = 2; seed <= seeds; seed++) bySeed.push(replayRun(doc, seed).rows);
    const rows = combineSeeds(bySeed).map((r, i) => ({
      ...r,
      firstError: (first[i] as FidelityRow).error,
    }));
    if (seriesDir !== undefined) {
      mkdirSync(seriesDir, { recursive: true });
      const out = join(seriesDir, `${doc.runId}.replay.json`);
      writeFileSync(out, `${JSON.stringify({ runId: doc.runId, replays })}\n`);
      process.stdout.write(`replay written to ${out}\n`);
    }
    for (const l of lines(doc.scenario.name, rows)) process.stdout.write(`${l}\n`);
    for (const l of initLines(doc, replays)) process.stdout.write(`${l}\n`);
    for (const l of stageLines(doc, replays)) process.stdout.write(`${l}\n`);
    met += rows.filter((r) => r.met).length;
    all += rows.length;
  }
  process.stdout.write(
    `bench:projection-fidelity: ${met}/${all} figures within the goals${seeds > 1 ? ` (the median of ${seeds} seeds' replays)` : ""} (throughput ${FIDELITY_GOALS.throughput * 100}%, p50 ${FIDELITY_GOALS.p50 * 100}%, p99 ${FIDELITY_GOALS.p99 * 100}%)\n`,
  );
} catch (e) {
  if (e instanceof ProjectionError) {
    process.stderr.write(`bench:projection-fidelity: ${e.code}: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
