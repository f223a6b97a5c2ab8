/** Outputs: `{ start, add, stop }`, never blocking the run (time series, progress, result document). */
export * from "./output.js";
export * from "./progress-output.js";
export * from "./result-document-output.js";
export * from "./result-writer.js";
export * from "./time-series-output.js";
