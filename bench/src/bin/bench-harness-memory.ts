#!/usr/bin/env node
// npm run bench:harness-memory — flat memory: the harness's peak RSS in a run N times longer
// should stay within 1.2x of a short run's (histograms and 1 s rows only, no raw samples).
// Runs the built CLI twice (`--scenario steady --arch <arch> --duration S` and `S x N`) and reads
// the harness's peak RSS from each result document. Not a test: it prints figures.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    arch: { type: "string", default: "async" },
    seconds: { type: "string", default: "20" },
    factor: { type: "string", default: "10" },
    scenario: { type: "string", default: "steady" },
  },
});
const CLI = fileURLToPath(new URL("./bench.js", import.meta.url));

async function harnessPeakRss(
  duration: number,
  dir: string,
): Promise<{ rss: number; jobs: number }> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "--scenario",
      values.scenario,
      "--arch",
      values.arch,
      "--duration",
      String(duration),
      "--results-dir",
      dir,
      "--no-report",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    out += c;
  });
  const [code] = (await once(child, "close")) as [number];
  const path = /result: (.+)/.exec(out)?.[1];
  if (code !== 0 || !path) throw new Error(`bench exited with ${code}: ${out}`);
  const doc = JSON.parse(await readFile(path.trim(), "utf8")) as {
    architectures: Array<{
      resources: Array<{ component: string; peakRssBytes: number }>;
      counters: { sent: number };
    }>;
  };
  const arch = doc.architectures[0];
  const harness = arch?.resources.find((r) => r.component === "harness");
  if (!arch || !harness) throw new Error("no harness resource row in the result");
  return { rss: harness.peakRssBytes, jobs: arch.counters.sent };
}

async function main(): Promise<void> {
  const short = Number(values.seconds);
  const long = short * Number(values.factor);
  const dir = await mkdtemp(join(tmpdir(), "qs-memory-"));
  try {
    process.stderr.write(
      `bench:harness-memory: ${values.scenario}, ${values.arch}, ${short} s then ${long} s of load\n`,
    );
    const a = await harnessPeakRss(short, dir);
    const b = await harnessPeakRss(long, dir);
    const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `${[
        `short run (${short} s, ${a.jobs} requests)  harness peak RSS ${mb(a.rss)} MiB`,
        `long run  (${long} s, ${b.jobs} requests)  harness peak RSS ${mb(b.rss)} MiB`,
        `ratio long/short  ${(b.rss / a.rss).toFixed(3)}  (goal <= 1.2)`,
      ].join("\n")}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:harness-memory failed: ${String(err)}\n`);
  process.exit(1);
});
