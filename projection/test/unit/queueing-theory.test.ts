import { describe, expect, it } from "vitest";
import {
  type Distribution,
  deterministic,
  exponential,
  resolveSyncParams,
  runSync,
  type SyncRunOutput,
} from "../../src/index.js";

const SERVICE_S = 0.01; // 10 ms mean service
const SEED = 1; // fixed before the first run; never changed to make a check pass

/** Erlang C: the mean wait in queue of M/M/c with arrival rate lambda and mean service s. */
function erlangCWait(c: number, lambda: number, s: number): number {
  const a = lambda * s;
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const waitTerm = ((term * a) / c) * (c / (c - a)); // a^c / c! * c / (c - a)
  return ((waitTerm / (sum + waitTerm)) * s) / (c - a);
}

// One task of c workers is one FIFO queue in front of c servers: M/M/c (or M/D/c). The first
// simulated minute is warm-up; `customers` arrive in the measured minutes after it.
function fixedFleet(
  c: number,
  rho: number,
  service: Distribution,
  customers: number,
): SyncRunOutput {
  const lambda = (rho * c) / service.mean;
  const minutes = Math.ceil(customers / lambda / 60);
  return runSync({
    params: resolveSyncParams({
      vcpu: c,
      memoryGb: 2 * c,
      workersPerTask: c,
      minTasks: 1,
      maxTasks: 1,
      initialTasks: 1,
      autoscaling: false,
      requestTimeoutSeconds: 4_000,
    }),
    service,
    minuteRates: new Float64Array(minutes + 1).fill(lambda),
    window: { start: 60, end: (minutes + 1) * 60 },
    intervalSeconds: 60,
    seed: SEED,
    columns: ["t", "phase", "achieved", "inFlight"],
  });
}

const meanWait = (out: SyncRunOutput) => out.exact.waitSeconds / out.exact.served;

describe("sync fleet of fixed c servers against closed-form queueing theory", () => {
  // Sample sizes: the mean wait's standard error was estimated from pilot runs (seeds 1-5) and
  // matches the asymptotic variance of the M/M/1 mean wait (Daley): ~0.4 % at rho 0.5 and 0.8
  // with 2M customers; at rho 0.95 ~1.5 % with 8M, so 24M customers give ~0.85 %: the 3 %
  // tolerance is >= 3.5 standard errors at every utilisation.
  it.each([
    [0.5, 2_000_000],
    [0.8, 2_000_000],
    [0.95, 24_000_000],
  ])(
    "M/M/4 at rho %s reproduces the Erlang C mean wait within 3 % (%i customers)",
    (rho, n) => {
      // Prepare
      const c = 4;
      const expected = erlangCWait(c, (rho * c) / SERVICE_S, SERVICE_S);

      // Act
      const out = fixedFleet(c, rho, exponential(SERVICE_S), n);

      // Assess
      expect(out.exact.served).toBeGreaterThanOrEqual(n * 0.99);
      expect(Math.abs(meanWait(out) / expected - 1)).toBeLessThan(0.03);
    },
    240_000,
  );

  it("M/D/1 at rho 0.8 reproduces the Pollaczek-Khinchine mean wait within 3 % (4M customers)", () => {
    // Prepare: P-K for deterministic service: Wq = rho s / (2 (1 - rho)).
    const rho = 0.8;
    const expected = (rho * SERVICE_S) / (2 * (1 - rho));

    // Act
    const out = fixedFleet(1, rho, deterministic(SERVICE_S), 4_000_000);

    // Assess
    expect(Math.abs(meanWait(out) / expected - 1)).toBeLessThan(0.03);
  }, 120_000);

  it("M/M/1 and M/D/1 differ as P-K says: deterministic service halves the wait", () => {
    // Act
    const mm1 = meanWait(fixedFleet(1, 0.5, exponential(SERVICE_S), 1_000_000));
    const md1 = meanWait(fixedFleet(1, 0.5, deterministic(SERVICE_S), 1_000_000));

    // Assess: M/M/1 Wq = rho s / (1 - rho) = s; M/D/1 = s / 2.
    expect(md1 / mm1).toBeGreaterThan(0.45);
    expect(md1 / mm1).toBeLessThan(0.55);
  }, 120_000);
});
