import { availableParallelism } from "node:os";
import {
  DEFAULT_HTTP_EDGE_SETTINGS,
  type HttpEdgeSettings,
  parseIntegerSetting,
  readHttpEdgeSettings,
} from "@queueshift/shared-model";

/** The sync service's settings: the HTTP edge's (host, timeouts, ...) plus its own. */
export interface SyncConfig extends HttpEdgeSettings {
  readonly port: number;
  /** Worker processes behind the cluster primary's round-robin balancer. */
  readonly workers: number;
}

/** Defaults; units in the comments (the HTTP edge's are in shared-model's `DEFAULT_HTTP_EDGE_SETTINGS`). */
export const DEFAULT_SYNC_CONFIG: SyncConfig = Object.freeze({
  ...DEFAULT_HTTP_EDGE_SETTINGS,
  port: 3000,
  workers: availableParallelism(),
});

/**
 * Defaults <- overrides <- environment (PORT, WORKERS and the HTTP edge's variables: HOST,
 * LOG_LEVEL, BODY_LIMIT, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS,
 * SHUTDOWN_GRACE_MS), read once and frozen.
 */
export function loadSyncConfig(
  env: Readonly<Record<string, string | undefined>> = {},
  overrides: Partial<SyncConfig> = {},
): SyncConfig {
  const base = { ...DEFAULT_SYNC_CONFIG, ...overrides };
  return Object.freeze({
    ...readHttpEdgeSettings(env, base),
    port: parseIntegerSetting("PORT", env.PORT, 0, 65_535) ?? base.port,
    workers: parseIntegerSetting("WORKERS", env.WORKERS, 1, 256) ?? base.workers,
  });
}

/** The error for a setting that could not be used (the message names the variable). */
export { SettingError as ConfigError } from "@queueshift/shared-model";
