import { availableParallelism } from "node:os";
import { parseIntegerSetting, SettingError } from "@queueshift/shared-model";

/** Log levels pino accepts. */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The sync service's settings. */
export interface SyncConfig {
  readonly host: string;
  readonly port: number;
  /** Worker processes behind the cluster primary's round-robin balancer. */
  readonly workers: number;
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  /** How long a draining worker waits for in-flight requests before it exits anyway. */
  readonly shutdownGraceMs: number;
  /** Idle keep-alive timeout of client connections. */
  readonly keepAliveTimeoutMs: number;
}

/** Defaults; units in the comments. */
export const DEFAULT_SYNC_CONFIG: SyncConfig = Object.freeze({
  host: "127.0.0.1", // loopback only by default
  port: 3000,
  workers: availableParallelism(),
  logLevel: "warn", // nothing on the hot path; request logging is off at any level
  bodyLimitBytes: 2 * 1024 * 1024, // 2 MiB: room for the core's 10,000 inline customers (~1.2 MB)
  shutdownGraceMs: 10_000, // 10 s
  keepAliveTimeoutMs: 72_000, // 72 s: longer than an ALB's 60 s idle timeout, as AWS advises for targets
});

/** Defaults <- overrides <- environment (PORT, HOST, WORKERS, LOG_LEVEL, BODY_LIMIT, SHUTDOWN_GRACE_MS); frozen. */
export function loadSyncConfig(
  env: Readonly<Record<string, string | undefined>> = {},
  overrides: Partial<SyncConfig> = {},
): SyncConfig {
  const level = env.LOG_LEVEL;
  if (level !== undefined && level !== "" && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new SettingError(
      "LOG_LEVEL",
      `expected one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(level)}`,
    );
  }
  const base = { ...DEFAULT_SYNC_CONFIG, ...overrides };
  return Object.freeze({
    host: env.HOST || base.host,
    port: parseIntegerSetting("PORT", env.PORT, 0, 65_535) ?? base.port,
    workers: parseIntegerSetting("WORKERS", env.WORKERS, 1, 256) ?? base.workers,
    logLevel: (level || base.logLevel) as LogLevel,
    bodyLimitBytes:
      parseIntegerSetting("BODY_LIMIT", env.BODY_LIMIT, 1024, 64 * 1024 * 1024) ??
      base.bodyLimitBytes,
    shutdownGraceMs:
      parseIntegerSetting("SHUTDOWN_GRACE_MS", env.SHUTDOWN_GRACE_MS, 0, 600_000) ??
      base.shutdownGraceMs,
    keepAliveTimeoutMs: base.keepAliveTimeoutMs,
  });
}

/** The error for a setting that could not be used (the message names the variable or flag). */
export { SettingError as ConfigError };
