import { provisionedIssues } from "../lambda/provisioned-mode.js";
import { SCENARIO_DEFAULTS } from "./scenario-types.js";
import { type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";

/** [min, max, integer] per field, with the AWS source of each bound. */
export const ASYNC_FIELD_RANGES = {
  memorySizeMB: [128, 10_240, true], // aws-facts 1.3
  batchSize: [1, 10_000, true], // standard queues (aws-facts 2.3)
  batchingWindowSeconds: [0, 300, true], // whole seconds 0-300 (aws-facts 2.3)
  maxConcurrency: [2, 1_000, true], // ScalingConfig.MaximumConcurrency (aws-facts 2.2)
  // The account default is 1,000 (aws-facts 0.5); raised quotas reach tens of thousands.
  accountConcurrency: [1, 100_000, true],
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
  rejectUnknown(issues, "async", value, [...Object.keys(RANGES), "provisionedPollerConfig"]);
  const ok: Partial<Record<Field, number>> = {};
  for (const [field, [min, max, integer]] of Object.entries(RANGES) as [
    Field,
    readonly [number, number, boolean],
  ][]) {
    const v = value[field] ?? SCENARIO_DEFAULTS.async[field];
    if (numberIn(issues, `async.${field}`, v, min, max, integer)) ok[field] = v;
  }
  checkProvisioned(issues, value);
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

/**
 * Provisioned mode's pollers (aws-facts 0.3), checked by the platform's own rules; a scenario
 * that sets it with `maxConcurrency` is refused as Lambda refuses the mapping.
 */
function checkProvisioned(issues: Issues, value: Record<string, unknown>): void {
  const p = value.provisionedPollerConfig;
  if (p === undefined) return;
  const path = "async.provisionedPollerConfig";
  if (!isRecord(p)) {
    issues.push({ path, message: "must be an object { minimumPollers, maximumPollers }" });
    return;
  }
  rejectUnknown(issues, path, p, ["minimumPollers", "maximumPollers"]);
  const explicitMax = typeof value.maxConcurrency === "number" ? value.maxConcurrency : undefined;
  // A string such as "3" is no number here: NaN fails the platform's integer checks.
  const asNumber = (v: unknown) => (typeof v === "number" ? v : Number.NaN);
  const config = {
    minimumPollers: asNumber(p.minimumPollers),
    maximumPollers: asNumber(p.maximumPollers),
  };
  for (const issue of provisionedIssues(config, explicitMax, "async.maxConcurrency")) {
    issues.push({ ...issue, path: `async.${issue.path}` });
  }
}
