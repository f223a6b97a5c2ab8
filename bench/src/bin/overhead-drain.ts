// bench:async-overhead's saturation phase: a backlog loaded onto the jobs queue, then drained
// by the platform while the window's CPU and SQS calls are counted (overhead-accounting.ts).
import type { CollectedResult, StartedAsyncStack } from "../stack/index.js";
import { callsPerJob, cpuNow, cpuSpent, sqsCalls } from "./overhead-accounting.js";
import { startWindowProfile } from "./overhead-profile.js";

/** What one drained backlog measured. */
export interface Saturation {
  jobsPerSecond: number;
  jobs: number;
  /** Jobs finished after the backlog was loaded (the CPU window). */
  windowJobs: number;
  harnessCpuPerJob: number;
  analysesCpuPerJob: number;
  /** SQS calls the harness made per job in the window (mapping and collector, empty polls included). */
  sqsCallsPerJob: number;
  sqsCallsPerJobByKind: Record<string, number>;
}

/** Puts `jobs` messages on the jobs queue: SendMessageBatch (10 a call), four calls at a time. */
async function loadBacklog(
  stack: StartedAsyncStack,
  jobs: number,
  body: (i: number) => string,
): Promise<void> {
  // Batched sends keep loading the backlog cheap next to processing it.
  const sqs = await stack.broker.sqs();
  const calls = Math.ceil(jobs / 10);
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (let c = w; c < calls; c += 4) {
        const entries = Array.from({ length: Math.min(10, jobs - c * 10) }, (_, j) => ({
          id: String(j),
          body: body(c * 10 + j),
        }));
        const { failed } = await sqs.sendMessageBatch(stack.queueUrls.jobs, entries);
        if (failed.length > 0) throw new Error(`backlog: ${failed.length} sends failed`);
      }
    }),
  );
}

/** The results of the current round (job ids prefixed with its name): their count and span. */
export class RoundTally {
  round = "";
  first = Number.POSITIVE_INFINITY;
  last = 0;
  n = 0;

  /** Starts a round: only its results count from now on. */
  reset(name: string): void {
    this.round = `${name}-`;
    this.first = Number.POSITIVE_INFINITY;
    this.last = 0;
    this.n = 0;
  }

  readonly onResult = (r: CollectedResult): void => {
    if (r.duplicate || !r.jobId.startsWith(this.round)) return;
    this.first = Math.min(this.first, r.result.timings.handlerStartAt);
    this.last = Math.max(this.last, r.receivedAtMs);
    this.n += 1;
  };
}

/** One backlog drained: jobs/s from the first handler start to the last result, and its CPU. */
export async function drain(
  stack: StartedAsyncStack,
  tally: RoundTally,
  request: (seed: number) => object,
  name: string,
  jobs: number,
  /** Writes the harness's CPU profile over the window to this file (`--cpu-prof`). */
  profileFile?: string,
): Promise<Saturation> {
  tally.reset(name);
  const body = (i: number) =>
    JSON.stringify({
      v: 1,
      jobId: `${tally.round}${i}`,
      submittedAt: performance.timeOrigin + performance.now(),
      request: request(i),
    });
  await loadBacklog(stack, jobs, body);
  // The CPU window opens once the backlog is loaded (the loader's calls are not harness
  // plumbing) and closes with the last result.
  const profile = profileFile === undefined ? undefined : await startWindowProfile(profileFile);
  const before = cpuNow(stack);
  const callsBefore = sqsCalls(stack);
  const n0 = tally.n;
  const deadline = Date.now() + 180_000;
  while (tally.n < jobs && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const spent = cpuSpent(before, cpuNow(stack));
  await profile?.stop();
  const windowJobs = Math.max(1, tally.n - n0);
  const harnessCalls = callsPerJob(callsBefore, sqsCalls(stack), windowJobs);
  return {
    jobsPerSecond: tally.n / ((tally.last - tally.first) / 1000),
    jobs: tally.n,
    windowJobs: tally.n - n0,
    harnessCpuPerJob: spent.harness / windowJobs,
    analysesCpuPerJob: spent.analyses / windowJobs,
    sqsCallsPerJob: harnessCalls.total,
    sqsCallsPerJobByKind: harnessCalls.per,
  };
}
