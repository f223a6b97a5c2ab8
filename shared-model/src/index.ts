export * from "./analysis/index.js";
export * from "./contracts.js";
export * from "./cost/index.js";
export * from "./errors.js";
