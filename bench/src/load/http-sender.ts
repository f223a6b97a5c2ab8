import type { FieldIssue } from "@queueshift/shared-model";
import { Pool } from "undici";
import { type Clock, systemClock } from "../clock/index.js";
import { assertNoIssues, errorKind, integerSettings } from "./errors.js";
import { LiveRequests } from "./live-requests.js";
import { assertLoopback } from "./loopback.js";
import type { Arrival } from "./schedule.js";
import type { Send, SendOutcome } from "./send.js";
import type { BodyChooser } from "./workload-mix.js";

/** A response handed to `onResponse` (e.g. the async side reads the job id from `body`). */
export interface HttpResponseInfo {
  readonly arrival: Arrival;
  readonly status: number;
  readonly body: string;
}

/** Options of `createHttpSender`; numeric defaults in `HTTP_SENDER_DEFAULTS`. */
export interface HttpSenderOptions {
  /** Full target URL, e.g. http://127.0.0.1:3000/v1/analyze or .../v1/jobs. */
  readonly url: string;
  readonly method?: "GET" | "POST" | "PUT" | "DELETE";
  readonly connections?: number;
  readonly pipelining?: number;
  /** Per-request timeout from the send call to the end of the body (includes pool queueing). */
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Body per arrival (JSON text); none for GET. */
  readonly body?: BodyChooser;
  /** Receives each response body; when absent the body is discarded unread (cheaper). */
  readonly onResponse?: (response: HttpResponseInfo) => void;
  /** Remote targets are refused unless this is set: the local default is loopback only. */
  readonly allowNonLoopback?: boolean;
  /** Times the per-request deadlines (default: the system clock). */
  readonly clock?: Clock;
}

/** Defaults of the HTTP sender. */
export const HTTP_SENDER_DEFAULTS = Object.freeze({
  method: "POST",
  /** Keep-alive connections in the pool; requests beyond them queue inside undici. */
  connections: 128,
  /** 1 = no HTTP pipelining (what browsers and load balancers do). */
  pipelining: 1,
  /** 10,000 ms per request. */
  timeoutMs: 10_000,
  /** 60,000 ms: keep idle sockets open across quiet phases of a schedule. */
  keepAliveTimeoutMs: 60_000,
} as const);

/** A sender plus the pool it owns. */
export interface HttpSender {
  readonly send: Send;
  /** Closes the pool (waits for in-flight requests). */
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const APP_DURATION = /(?:^|,)\s*app\s*;(?:[^,]*;)?\s*dur=([0-9.]+)/;

/**
 * The `app` metric's duration of a `Server-Timing` header (W3C Server Timing, ms) in us, or
 * undefined when the target sent none (a user's own service need not).
 */
export function serverTimingUs(header: string | string[] | undefined): number | undefined {
  const text = Array.isArray(header) ? header.join(",") : header;
  const m = text === undefined ? null : APP_DURATION.exec(text);
  const ms = m === null ? Number.NaN : Number(m[1]);
  return Number.isFinite(ms) ? Math.round(ms * 1_000) : undefined;
}

/**
 * The headers every executor sends: the target's own, plus a JSON content type when a body goes
 * out and the target set none (in any letter case, so it is never sent twice).
 */
export function requestHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  withBody: boolean,
): Record<string, string> {
  const out = { ...(headers ?? {}) };
  const typed = Object.keys(out).some((k) => k.toLowerCase() === "content-type");
  if (withBody && !typed) out["content-type"] = "application/json";
  return out;
}

function validate(options: HttpSenderOptions) {
  const issues: FieldIssue[] = [];
  const o = {
    method: options.method ?? HTTP_SENDER_DEFAULTS.method,
    ...integerSettings(
      options,
      HTTP_SENDER_DEFAULTS,
      { connections: [1, 10_000], pipelining: [1, 128], timeoutMs: [1, 3_600_000] },
      issues,
    ),
  };
  let url: URL | undefined;
  try {
    url = new URL(options.url);
    if (url.protocol !== "http:") issues.push({ path: "url", message: "must be http://" });
  } catch {
    issues.push({ path: "url", message: "must be an absolute URL" });
  }
  assertNoIssues(issues, "HTTP sender options");
  const target = url as URL;
  assertLoopback(target, options.allowNonLoopback);
  return { ...o, url: target, clock: options.clock ?? systemClock };
}

/**
 * An HTTP `Send` on an undici keep-alive `Pool`. It is generic over the endpoint so the same
 * runner and schedule drive `POST /v1/analyze` (sync) and `POST /v1/jobs` (async). Failures
 * are outcomes, never throws: status codes as responses, timeouts, transport errors by code.
 */
export function createHttpSender(options: HttpSenderOptions): HttpSender {
  const o = validate(options);
  const pool = new Pool(o.url.origin, {
    connections: o.connections,
    pipelining: o.pipelining,
    keepAliveTimeout: HTTP_SENDER_DEFAULTS.keepAliveTimeoutMs,
    headersTimeout: o.timeoutMs,
    bodyTimeout: o.timeoutMs,
  });
  const path = `${o.url.pathname}${o.url.search}`;
  const headers = requestHeaders(options.headers, options.body !== undefined);
  const { body, onResponse } = options;
  const live = new LiveRequests(o.clock, o.timeoutMs);

  const send: Send = async (arrival, context): Promise<SendOutcome> => {
    const request = live.open(context.signal);
    try {
      if (context.signal.aborted) return { kind: "timeout" };
      const res = await pool.request({
        path,
        method: o.method,
        headers,
        body: body === undefined ? undefined : body(arrival),
        signal: request.emitter,
      });
      if (onResponse === undefined) await res.body.dump();
      else onResponse({ arrival, status: res.statusCode, body: await res.body.text() });
      const serverUs = serverTimingUs(res.headers["server-timing"]);
      return serverUs === undefined
        ? { kind: "response", status: res.statusCode }
        : { kind: "response", status: res.statusCode, serverUs };
    } catch (err) {
      const kind = errorKind(err);
      if (request.cancelled || TIMEOUT_CODES.has(kind)) return { kind: "timeout" };
      return { kind: "error", error: kind };
    } finally {
      live.close(request);
    }
  };
  const close = async () => {
    live.stop();
    await pool.close();
  };
  return Object.freeze({ send, close });
}
