/** Scenarios as validated data: types, defaults, validation, shipped files, overrides. */
export * from "./describe-scenario.js";
export * from "./load-scenario.js";
export * from "./overrides.js";
export * from "./scenario-errors.js";
export * from "./scenario-types.js";
export * from "./target-types.js";
export * from "./validate-scenario.js";
export * from "./validate-targets.js";
