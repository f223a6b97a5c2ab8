// The harness as a library, one namespace per part (some names overlap, e.g. `SampleSink`).
export * as broker from "./broker/index.js";
export * as cli from "./cli/index.js";
export * as clock from "./clock/index.js";
export * as lambda from "./lambda/index.js";
export * as load from "./load/index.js";
export * as metrics from "./metrics/index.js";
export * as output from "./output/index.js";
export * as run from "./run/index.js";
export * as scenario from "./scenario/index.js";
export * as stack from "./stack/index.js";
