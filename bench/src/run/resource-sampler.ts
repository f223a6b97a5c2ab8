import type { ResourceUse } from "@queueshift/shared-model";
import { type Clock, systemClock } from "../clock/index.js";
import { type ProcReader, readProc } from "../process/proc-reader.js";

export { type ProcReader, type ProcReading, readProc } from "../process/proc-reader.js";

/** A process to account for, named by its role in the stack. */
export interface ComponentProcess {
  readonly component: string;
  readonly pid: number;
}

interface Tracked {
  readonly component: string;
  baseCpu: number;
  lastCpu: number;
  peakRss: number;
  rss: number;
}

/** CPU used since the previous `sample()`, in cores (CPU seconds per wall second). */
export interface CpuRates {
  readonly harness: number;
  readonly stack: number;
  readonly stackRssBytes: number;
}

/**
 * Samples the CPU seconds and peak RSS of every component process (and the harness itself)
 * about once a second. CPU counts from `markStart()`; a process first seen later counts from
 * its birth, so a Lambda environment's init CPU is included. Exited processes keep their last
 * reading. A component's peak RSS is the larger of its biggest single-process peak (VmHWM)
 * and the largest sum of its processes' RSS at one sample.
 */
export class ResourceSampler {
  readonly #read: ProcReader;
  readonly #procs = new Map<number, Tracked>();
  readonly #peakSum = new Map<string, number>();
  #started = false;
  #harnessBase = process.cpuUsage();
  #harnessLast = this.#harnessBase;
  readonly #clock: Clock;
  #lastAtUs: number;
  #lastStackCpu = 0;

  constructor(read: ProcReader = readProc, clock: Clock = systemClock) {
    this.#read = read;
    this.#clock = clock;
    this.#lastAtUs = clock.nowUs();
  }

  /** Starts counting CPU from now for the processes known so far (and the harness). */
  markStart(processes: readonly ComponentProcess[]): void {
    this.sample(processes);
    for (const p of this.#procs.values()) p.baseCpu = p.lastCpu;
    this.#peakSum.clear();
    this.#harnessBase = process.cpuUsage();
    this.#harnessLast = this.#harnessBase;
    this.#lastStackCpu = this.#stackCpu();
    this.#started = true;
  }

  /** Reads every process once; returns the CPU rates since the previous sample. */
  sample(processes: readonly ComponentProcess[]): CpuRates {
    const sums = new Map<string, number>();
    for (const { component, pid } of processes) {
      const r = this.#read(pid);
      if (r === undefined) continue;
      let t = this.#procs.get(pid);
      if (t === undefined) {
        t = {
          component,
          baseCpu: this.#started ? 0 : r.cpuSeconds,
          lastCpu: 0,
          peakRss: 0,
          rss: 0,
        };
        this.#procs.set(pid, t);
      }
      t.lastCpu = r.cpuSeconds;
      t.rss = r.rssBytes;
      t.peakRss = Math.max(t.peakRss, r.peakRssBytes, r.rssBytes);
      sums.set(component, (sums.get(component) ?? 0) + r.rssBytes);
    }
    for (const [c, sum] of sums) this.#peakSum.set(c, Math.max(this.#peakSum.get(c) ?? 0, sum));
    const now = this.#clock.nowUs();
    const seconds = Math.max(1e-3, (now - this.#lastAtUs) / 1e6);
    const harness = process.cpuUsage(this.#harnessLast);
    this.#harnessLast = process.cpuUsage();
    const stackCpu = this.#stackCpu();
    const rates = {
      harness: (harness.user + harness.system) / 1e6 / seconds,
      stack: Math.max(0, stackCpu - this.#lastStackCpu) / seconds,
      stackRssBytes: [...sums.values()].reduce((a, b) => a + b, 0),
    };
    this.#lastAtUs = now;
    this.#lastStackCpu = stackCpu;
    return rates;
  }

  /** CPU seconds since `markStart` and peak RSS, per component, plus the harness itself. */
  result(): ResourceUse[] {
    const byComponent = new Map<string, { cpu: number; peak: number }>();
    for (const t of this.#procs.values()) {
      const c = byComponent.get(t.component) ?? { cpu: 0, peak: 0 };
      c.cpu += Math.max(0, t.lastCpu - t.baseCpu);
      c.peak = Math.max(c.peak, t.peakRss, this.#peakSum.get(t.component) ?? 0);
      byComponent.set(t.component, c);
    }
    const h = process.cpuUsage(this.#harnessBase);
    return [
      ...[...byComponent].map(([component, c]) => ({
        component,
        cpuSeconds: round3(c.cpu),
        peakRssBytes: c.peak,
      })),
      {
        component: "harness",
        cpuSeconds: round3((h.user + h.system) / 1e6),
        // maxRSS is the harness's lifetime peak in KiB (getrusage).
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      },
    ];
  }

  #stackCpu(): number {
    let sum = 0;
    for (const t of this.#procs.values()) sum += Math.max(0, t.lastCpu - t.baseCpu);
    return sum;
  }
}

function round3(x: number): number {
  return Math.round(x * 1_000) / 1_000;
}
