export * from "./contracts.js";
export * from "./errors.js";
