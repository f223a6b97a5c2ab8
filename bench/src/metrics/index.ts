export * from "./counters.js";
export * from "./errors.js";
export * from "./histogram.js";
export * from "./histogram-config.js";
export * from "./interval-recorder.js";
export * from "./percentile-spectrum.js";
export * from "./samples.js";
