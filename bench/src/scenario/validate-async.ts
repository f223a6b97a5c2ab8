import { SCENARIO_DEFAULTS } from "./scenario-types.js";
import { type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";

/** [min, max, integer] per field, with the AWS source of each bound. */
export const ASYNC_FIELD_RANGES = {
  memorySizeMB: [128, 10_240, true], // aws-facts 1.3
  batchSize: [1, 10_000, true], // standard queues (aws-facts 2.3)
  batchingWindowSeconds: [0, 300, true], // whole seconds 0-300 (aws-facts 2.3)
  maxConcurrency: [2, 1_000, true], // ScalingConfig.MaximumConcurrency (aws-facts 2.2)
  keepAliveSeconds: [0, 3_600, false], // ours: AWS publishes no keep-alive
  visibilityTimeoutSeconds: [0, 43_200, true], // 0 s - 12 h (aws-facts 5.2)
  maxReceiveCount: [1, 1_000, true], // SQS RedrivePolicy bounds (queue-spec.ts)
  functionTimeoutSeconds: [1, 900, true], // max 900 s (aws-facts 1.3)
} as const;

const RANGES = ASYNC_FIELD_RANGES;
type Field = keyof typeof RANGES;

/** Checks the `async` block, each field and the AWS rules that tie fields together. */
export function checkAsync(issues: Issues, value: unknown): void {
  if (!isRecord(value)) {
    issues.push({ path: "async", message: "must be an object" });
    return;
  }
  rejectUnknown(issues, "async", value, Object.keys(RANGES));
  const ok: Partial<Record<Field, number>> = {};
  for (const [field, [min, max, integer]] of Object.entries(RANGES) as [
    Field,
    readonly [number, number, boolean],
  ][]) {
    const v = value[field] ?? SCENARIO_DEFAULTS.async[field];
    if (numberIn(issues, `async.${field}`, v, min, max, integer)) ok[field] = v;
  }
  const { batchSize, batchingWindowSeconds, visibilityTimeoutSeconds, functionTimeoutSeconds } = ok;
  if (batchSize !== undefined && batchSize > 10 && batchingWindowSeconds === 0) {
    issues.push({
      path: "async.batchingWindowSeconds",
      message: "must be >= 1 when batchSize > 10 (aws-facts 2.3)",
    });
  }
  if (
    visibilityTimeoutSeconds !== undefined &&
    functionTimeoutSeconds !== undefined &&
    visibilityTimeoutSeconds < functionTimeoutSeconds
  ) {
    // Deploy tools reject an event source mapping whose queue hides messages for less time
    // than the function may run (aws-facts 2.3); 6x is advised, >= 1x is required.
    issues.push({
      path: "async.visibilityTimeoutSeconds",
      message: `must be >= functionTimeoutSeconds (${functionTimeoutSeconds}); AWS advises >= 6x`,
    });
  }
}
