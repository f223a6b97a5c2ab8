export * from "./analysis/index.js";
export * from "./contracts.js";
export * from "./cost/index.js";
export * from "./edge-errors.js";
export * from "./errors.js";
export * from "./result/index.js";
export * from "./settings.js";
