/** Outputs of the metrics engine: `{ start, add, stop }`, never blocking the run. */
export * from "./progress-output.js";
export * from "./time-series-output.js";
