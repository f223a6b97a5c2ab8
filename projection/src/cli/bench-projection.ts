#!/usr/bin/env node
import { performance } from "node:perf_hooks";
import { project } from "../project.js";

/**
 * `npm run bench:projection`: one simulated hour at 1,000 req/s for both designs (7.2M requests
 * in all), with the assumed durations; prints requests simulated per second of wall time and
 * peak RSS. A benchmark, not a test: it asserts nothing, the reader compares with the goal
 * (< 10 s on one core, memory flat).
 */
const RATE = 1_000; // requests per second
const MINUTES = 60;
const runs = Number(process.argv[2] ?? 3);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const wall: number[] = [];
const cpu: number[] = [];
let requests = 0;
for (let r = 0; r < runs; r++) {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const doc = project({
    run: null,
    traffic: { kind: "rates", minuteRates: new Float64Array(MINUTES).fill(RATE), name: "bench" },
    windowMinutes: MINUTES,
    windowStartMinute: 0,
    warmupMinutes: 0,
    seed: r + 1,
  });
  const seconds = (performance.now() - started) / 1_000;
  const used = process.cpuUsage(cpuStart);
  const cpuSeconds = (used.user + used.system) / 1e6;
  cpu.push(cpuSeconds);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  requests = doc.architectures.reduce((n, a) => n + a.counters.scheduled, 0);
  wall.push(seconds);
  const summary = doc.architectures
    .map((a) => `${a.architecture} p99 ${(a.histograms.latency?.p99 ?? 0) / 1_000} ms`)
    .join(", ");
  console.log(
    `run ${r + 1}: ${requests} requests in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (${summary})`,
  );
}
clearInterval(sampler);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
// Wall time includes waiting for a core on a shared machine; CPU time is the one-core work.
console.log(
  `median of ${runs}: ${median(wall).toFixed(2)} s wall (${spread(wall)}), ${median(cpu).toFixed(2)} s CPU (${spread(cpu)}) for ${requests} requests = ${Math.round(requests / median(wall)).toLocaleString("en-US")} simulated req/s of wall time, ${Math.round(requests / median(cpu)).toLocaleString("en-US")} per CPU second; goal < 10 s on one core; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
