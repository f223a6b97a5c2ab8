import { parseIntegerSetting, SettingError } from "./settings.js";

/** Log levels pino accepts. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The HTTP settings both services read the same way. */
export interface HttpEdgeSettings {
  /** Listen address; loopback unless the operator names another. */
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  /** Time a client has to send a request's headers (Node's `headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included (Node's `requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  readonly keepAliveTimeoutMs: number;
  /** How long a draining server waits for in-flight requests before it closes their connections. */
  readonly shutdownGraceMs: number;
}

/** Defaults; units in the comments. */
export const DEFAULT_HTTP_EDGE_SETTINGS: HttpEdgeSettings = Object.freeze({
  host: "127.0.0.1", // loopback only by default
  logLevel: "warn", // nothing on the hot path; request logging is off at any level
  bodyLimitBytes: 2 * 1024 * 1024, // 2 MiB: room for the core's 10,000 inline customers (~1.2 MB)
  headersTimeoutMs: 10_000, // 10 s; Node's own 60 s lets a stalled client hold a connection
  requestTimeoutMs: 30_000, // 30 s to send the whole request (a 2 MiB body takes ms on loopback)
  keepAliveTimeoutMs: 72_000, // 72 s: longer than an ALB's 60 s idle timeout, as AWS advises for targets
  shutdownGraceMs: 10_000, // 10 s
});

/** Upper bound of every timeout setting: 10 min. */
const MAX_TIMEOUT_MS = 600_000;

/**
 * Reads the shared HTTP settings over `base` from the environment: HOST (empty means the
 * default, never every interface), LOG_LEVEL, BODY_LIMIT, HEADERS_TIMEOUT_MS,
 * REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, SHUTDOWN_GRACE_MS. Throws a `SettingError` naming
 * the variable.
 */
export function readHttpEdgeSettings(
  env: Readonly<Record<string, string | undefined>>,
  base: HttpEdgeSettings = DEFAULT_HTTP_EDGE_SETTINGS,
): HttpEdgeSettings {
  const level = env.LOG_LEVEL;
  if (level && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new SettingError(
      "LOG_LEVEL",
      `expected one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(level)}`,
    );
  }
  const ms = (name: string, fallback: number, min = 1) =>
    parseIntegerSetting(name, env[name], min, MAX_TIMEOUT_MS) ?? fallback;
  const settings = {
    host: env.HOST || base.host,
    logLevel: (level || base.logLevel) as LogLevel,
    bodyLimitBytes:
      parseIntegerSetting("BODY_LIMIT", env.BODY_LIMIT, 1024, 64 * 1024 * 1024) ??
      base.bodyLimitBytes,
    headersTimeoutMs: ms("HEADERS_TIMEOUT_MS", base.headersTimeoutMs),
    requestTimeoutMs: ms("REQUEST_TIMEOUT_MS", base.requestTimeoutMs),
    keepAliveTimeoutMs: ms("KEEP_ALIVE_TIMEOUT_MS", base.keepAliveTimeoutMs),
    shutdownGraceMs: ms("SHUTDOWN_GRACE_MS", base.shutdownGraceMs, 0),
  };
  // Node refuses a headers timeout longer than the whole request's; say so in our words first.
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new SettingError(
      "HEADERS_TIMEOUT_MS",
      `must not exceed REQUEST_TIMEOUT_MS (${settings.requestTimeoutMs}), got ${settings.headersTimeoutMs}`,
    );
  }
  return settings;
}

/**
 * The Fastify server options these settings mean (plain data, so this module needs no Fastify).
 * Draining is the services' own (`serviceLifecycle`), not Fastify's code-less 503.
 */
export function httpServerOptions(settings: HttpEdgeSettings) {
  return {
    bodyLimit: settings.bodyLimitBytes,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    http: {
      headersTimeout: settings.headersTimeoutMs,
      // How often Node checks both timeouts; its default 30 s would stretch a 10 s one to 40 s.
      connectionsCheckingInterval: Math.min(1_000, settings.headersTimeoutMs),
    },
    forceCloseConnections: "idle" as const, // on close, drop idle keep-alive sockets, finish busy ones
    return503OnClosing: false,
  };
}
