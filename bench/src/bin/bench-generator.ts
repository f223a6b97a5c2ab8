/**
 * Generator capacity: how close does our undici-based generator get to wrk on the same CPU?
 * A hello-world Fastify target runs pinned to one core; wrk, our closed loop and our open model
 * each run in turn pinned to another core (taskset), with the same connections.
 *
 *   node bench/dist/bin/bench-generator.js [--connections 32] [--seconds 4]
 *
 * Bounded: about 40 s in total. Prints a summary and a final JSON line.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createHttpSender,
  createSchedule,
  createSystemClock,
  runClosedLoop,
  runOpenModel,
} from "../load/index.js";
import { IntervalRecorder } from "../metrics/index.js";

const SELF = fileURLToPath(import.meta.url);
const TARGET_CORE = "1";
const GENERATOR_CORE = "0";

const { values: args } = parseArgs({
  options: {
    role: { type: "string", default: "main" },
    url: { type: "string", default: "" },
    mode: { type: "string", default: "closed" },
    rate: { type: "string", default: "0" },
    connections: { type: "string", default: "32" },
    seconds: { type: "string", default: "4" },
    "spin-below-us": { type: "string", default: "250" },
  },
});
const connections = Number(args.connections);
const seconds = Number(args.seconds);

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return true;
  } catch {
    return false;
  }
}

function pinned(core: string, command: string, argv: string[]): ChildProcess {
  const [cmd, full] = hasTaskset() ? ["taskset", ["-c", core, command, ...argv]] : [command, argv];
  return spawn(cmd as string, full as string[], { stdio: ["ignore", "pipe", "inherit"] });
}

async function firstLine(child: ChildProcess, match: RegExp): Promise<string> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) if (match.test(line)) return line;
  throw new Error(`process ended without printing ${match}`);
}

async function runTarget(): Promise<void> {
  const { default: fastify } = await import("fastify");
  const app = fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  process.stdout.write(`PORT ${port}\n`);
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

async function runProbe(): Promise<void> {
  const sender = createHttpSender({ url: args.url, method: "GET", connections });
  // 1 s closed-loop warm-up so JIT and connection setup are not measured.
  await runClosedLoop({
    send: sender.send,
    connections,
    durationUs: 1_000_000,
    onSample: () => {},
  });
  const recorder = new IntervalRecorder({ keepRows: false });
  const cpu0 = process.cpuUsage();
  let out: Record<string, number>;
  if (args.mode === "open") {
    const rate = Number(args.rate);
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate, duration: seconds });
    // Arrivals beyond the connections queue inside the undici pool (timed from their intended
    // time); the cap only stops a runaway backlog when the target stalls.
    const maxInFlight = connections * 10;
    const clock = createSystemClock({ spinBelowUs: Number(args["spin-below-us"]) });
    const r = await runOpenModel({
      schedule,
      send: sender.send,
      maxInFlight,
      clock,
      onSample: recorder.add,
      graceUs: 2_000_000,
    });
    const missedLag = r.missed["generator-lag"];
    const missedCap = r.missed["max-in-flight"];
    out = {
      rate,
      sent: r.sent,
      missedLag,
      missedCap,
      achievedRate: r.achievedRate,
      maxLagUs: r.maxLagUs,
    };
  } else {
    const r = await runClosedLoop({
      send: sender.send,
      connections,
      durationUs: seconds * 1e6,
      onSample: recorder.add,
    });
    out = { throughput: r.throughput, completed: r.completed };
  }
  const cpu = process.cpuUsage(cpu0);
  const run = recorder.finish();
  await sender.close();
  const latency = { p50Us: run.latency.percentile(50), p99Us: run.latency.percentile(99) };
  const errors = run.counters.errors + run.counters.timeouts;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(`RESULT ${JSON.stringify({ ...out, ...latency, errors, cpuSeconds })}\n`);
}

async function probe(url: string, extra: string[]): Promise<Record<string, number>> {
  const child = pinned(GENERATOR_CORE, process.execPath, [
    SELF,
    "--role",
    "probe",
    "--url",
    url,
    "--connections",
    String(connections),
    "--seconds",
    String(seconds),
    ...extra,
  ]);
  const line = await firstLine(child, /^RESULT /);
  await once(child, "exit");
  return JSON.parse(line.slice("RESULT ".length)) as Record<string, number>;
}

// CPU seconds of waited-for children (Linux /proc/self/stat cutime + cstime, 100 ticks/s):
// wrk reports no CPU use of its own, and on a shared box req/s alone mostly measures contention.
function childCpuSeconds(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function wrk(url: string): { rps: number; cpuSeconds: number } {
  const cpu0 = childCpuSeconds();
  const out = execFileSync(hasTaskset() ? "taskset" : "wrk", [
    ...(hasTaskset() ? ["-c", GENERATOR_CORE, "wrk"] : []),
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    url,
  ]).toString();
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (m === null) throw new Error(`cannot read wrk output:\n${out}`);
  return { rps: Number(m[1]), cpuSeconds: childCpuSeconds() - cpu0 };
}

async function findOpenMax(url: string, closedMax: number): Promise<Record<string, number>> {
  // Bisect the highest constant rate with no missed arrivals and the rate achieved within 1 %.
  let lo = 0;
  let hi = Math.ceil(closedMax * 1.1);
  let best: Record<string, number> = { rate: 0 };
  for (let step = 0; step < 4; step += 1) {
    const rate = Math.round(step === 0 ? closedMax * 0.8 : (lo + hi) / 2);
    const r = await probe(url, ["--mode", "open", "--rate", String(rate)]);
    const missed = (r.missedLag ?? 0) + (r.missedCap ?? 0);
    const ok = missed === 0 && Math.abs((r.achievedRate ?? 0) - rate) / rate < 0.01;
    process.stdout.write(
      `  open model at ${rate}/s: ${ok ? "sustained" : "NOT sustained"} ${JSON.stringify(r)}\n`,
    );
    if (ok) {
      lo = rate;
      best = r;
    } else hi = rate;
  }
  return best;
}

async function main(): Promise<void> {
  const target = pinned(TARGET_CORE, process.execPath, [SELF, "--role", "target"]);
  try {
    const port = (await firstLine(target, /^PORT /)).split(" ")[1];
    const url = `http://127.0.0.1:${port}/`;
    process.stdout.write(
      `target: Fastify hello-world on core ${TARGET_CORE}; generators on core ${GENERATOR_CORE}; ${connections} connections; ${seconds} s per run; taskset ${hasTaskset() ? "on" : "unavailable"}\n`,
    );
    wrk(url); // warm the target's JIT before the measured runs
    const w = wrk(url);
    const wrkPerCpu = (w.rps * seconds) / w.cpuSeconds;
    process.stdout.write(
      `wrk -t1 -c${connections}: ${w.rps.toFixed(0)} req/s, ${wrkPerCpu.toFixed(0)} req per CPU-second\n`,
    );
    const closed = await probe(url, ["--mode", "closed"]);
    const closedRps = closed.throughput ?? 0;
    const closedPerCpu = (closed.completed ?? 0) / (closed.cpuSeconds ?? Number.NaN);
    process.stdout.write(
      `our closed loop: ${closedRps.toFixed(0)} req/s, ${closedPerCpu.toFixed(0)} req per CPU-second ${JSON.stringify(closed)}\n`,
    );
    const open = await findOpenMax(url, closedRps);
    const ratios = {
      closedRps: closedRps / w.rps,
      closedPerCpu: closedPerCpu / wrkPerCpu,
      openMaxRate: (open.rate ?? 0) / w.rps,
    };
    process.stdout.write(
      `ratio closed loop / wrk, req/s: ${ratios.closedRps.toFixed(2)}x (goal >= 0.8x)\n`,
    );
    process.stdout.write(
      `ratio closed loop / wrk, req per CPU-second: ${ratios.closedPerCpu.toFixed(2)}x\n`,
    );
    // An open model cannot run at the closed-loop max: at saturation its queue grows without end
    // (Little's law), so this is the stable-rate ceiling of generator + target, not raw speed.
    process.stdout.write(
      `ratio open-model max sustained rate / wrk req/s: ${ratios.openMaxRate.toFixed(2)}x\n`,
    );
    process.stdout.write(`${JSON.stringify({ wrk: w, closed, open, ratios })}\n`);
  } finally {
    target.kill("SIGTERM");
  }
}

const roles: Record<string, () => Promise<void>> = { main, target: runTarget, probe: runProbe };
const role = roles[args.role ?? "main"];
if (role === undefined) {
  process.stderr.write(`unknown --role ${args.role}\n`);
  process.exitCode = 2;
} else {
  role().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
