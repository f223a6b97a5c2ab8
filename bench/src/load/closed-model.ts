import { createRequire } from "node:module";
import type { FieldIssue } from "@queueshift/shared-model";
import { Histogram } from "../metrics/histogram.js";
import { assertNoIssues, checkInteger, LoadError } from "./errors.js";
import { requestHeaders } from "./http-sender.js";
import { assertLoopback } from "./loopback.js";
import type { BodyChooser } from "./workload-mix.js";

/** Options of `runClosedModel`. */
export interface ClosedModelOptions {
  /** Target URL (loopback unless `allowNonLoopback`). */
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /**
   * The request body: one JSON text for every request, or a body per request (the scenario's
   * `bodies`), chosen by the request's index across all connections.
   */
  readonly body?: string | BodyChooser;
  readonly method?: "GET" | "POST" | "PUT" | "DELETE";
  readonly headers?: Readonly<Record<string, string>>;
  readonly pipelining?: number;
  /** Per-request timeout in seconds (autocannon's default is 10). */
  readonly timeoutSeconds?: number;
  readonly allowNonLoopback?: boolean;
}

/** autocannon's own latency figures: integer-millisecond percentiles, labelled as such. */
export interface AutocannonLatencyMs {
  readonly unit: "ms";
  readonly source: "autocannon";
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Closed-model (fixed connections) result: max throughput discovery, not tail latency. */
export interface ClosedModelResult {
  readonly requests: number;
  readonly durationSeconds: number;
  /** Responses per second, from autocannon's totals. */
  readonly throughput: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
  /**
   * Our microsecond HDR histogram, fed from autocannon's per-response hrtime (fractional ms),
   * so sub-millisecond latencies survive. Closed loop: measured from the actual send time.
   */
  readonly latency: Histogram;
  readonly autocannonLatency: AutocannonLatencyMs;
}

// autocannon ships no type declarations; this is the part of its API we use.
interface AutocannonResult {
  readonly requests: { readonly total: number };
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  readonly latency: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
}
interface AutocannonInstance {
  on(
    event: "response",
    listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void,
  ): void;
}
type Autocannon = (
  opts: Record<string, unknown>,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

function validate(options: ClosedModelOptions): void {
  const issues: FieldIssue[] = [];
  checkInteger(issues, "connections", options.connections, 1, 10_000);
  checkInteger(issues, "durationSeconds", options.durationSeconds, 1, 3_600);
  checkInteger(issues, "pipelining", options.pipelining ?? 1, 1, 128);
  assertNoIssues(issues, "closed-model options");
  assertLoopback(new URL(options.url), options.allowNonLoopback);
}

/**
 * autocannon's options for `body`: a fixed body as is (its request buffer is built once), or a
 * `setupRequest` that gives each request the next index's body. A closed loop has no intended
 * times, and body choosers depend on the index only.
 */
function bodyOptions(body: ClosedModelOptions["body"]): Record<string, unknown> {
  if (typeof body !== "function") return body === undefined ? {} : { body };
  let index = 0;
  const setupRequest = (request: Record<string, unknown>) => ({
    ...request,
    body: body({ index: index++, intendedUs: 0 }),
  });
  return { requests: [{ setupRequest }] };
}

/** Runs autocannon with fixed connections for a bounded time and converts its latencies to us. */
export async function runClosedModel(options: ClosedModelOptions): Promise<ClosedModelResult> {
  validate(options);
  const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
  const latency = new Histogram();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    try {
      const instance = autocannon(
        {
          url: options.url,
          connections: options.connections,
          duration: options.durationSeconds,
          method: options.method ?? (options.body === undefined ? "GET" : "POST"),
          headers: requestHeaders(options.headers, options.body !== undefined),
          pipelining: options.pipelining ?? 1,
          timeout: options.timeoutSeconds ?? 10,
          ...bodyOptions(options.body),
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on("response", (_client, _status, _bytes, ms) => latency.record(ms * 1_000));
    } catch (err) {
      reject(err);
    }
  }).catch((cause: unknown) => {
    throw new LoadError("QS_LOAD_CLOSED_MODEL_FAILED", "autocannon run failed", { cause });
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
  );
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    throughput: result.duration > 0 ? result.requests.total / result.duration : 0,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    latency,
    autocannonLatency: {
      unit: "ms",
      source: "autocannon",
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}
