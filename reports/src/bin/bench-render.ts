#!/usr/bin/env node
import { performance } from "node:perf_hooks";
import { resolveProfile } from "../advice/profile.js";
import { choosePrices } from "../cost/price-choice.js";
import { renderAll } from "../render/render-all.js";
import { syntheticRun } from "../synthetic/synthetic-run.js";

// Renders the three reports of a synthetic 10-minute run of both designs (600 one-second rows
// each, full histograms) and prints how long it took. Goal: under 2 s (issue text).
const GOAL_MS = 2000;
const RUNS = 5;

const doc = syntheticRun({ warmupSeconds: 60, measureSeconds: 540, rate: 40 });
const profile = resolveProfile({});
const prices = choosePrices({});
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < RUNS; i++) {
  // A fresh parse each time: the decode cache is per document object, as in the CLI.
  const fresh = JSON.parse(JSON.stringify(doc));
  const t0 = performance.now();
  const out = renderAll(fresh, { profile, prices });
  times.push(performance.now() - t0);
  bytes = out["report.html"].length;
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
const rows = doc.architectures
  .map((a) => `${a.architecture} ${a.timeSeries.rows.length} rows`)
  .join(", ");
process.stdout.write(
  `bench:render: ${rows}; report.html ${(bytes / 1024).toFixed(0)} KiB\n` +
    `render (html + md + json) over ${RUNS} runs: first ${times[0]?.toFixed(0)} ms, median ${median.toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms (goal < ${GOAL_MS} ms): ${median < GOAL_MS ? "ok" : "SLOW"}\n`,
);
process.exitCode = median < GOAL_MS ? 0 : 1;
