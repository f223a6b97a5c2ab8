export { buildApp, type SyncApp } from "./app.js";
export { type PrimaryEvent, runPrimary } from "./cluster.js";
export { ConfigError, DEFAULT_SYNC_CONFIG, loadSyncConfig, type SyncConfig } from "./config.js";
export { type RunningServer, startServer } from "./server.js";
