import type { FieldIssue } from "@queueshift/shared-model";
import type { ScalingConfig } from "./event-source-mapping-config.js";

/** ProvisionedPollerConfig of an SQS event source mapping (provisioned mode, aws-facts 0.3). */
export interface ProvisionedPollerConfig {
  /** Event pollers kept at all times, 2..200. */
  readonly minimumPollers: number;
  /** Event pollers the mapping may scale to, 2..2,000. */
  readonly maximumPollers: number;
}

// aws-facts 0.3 (A): one SQS poller runs up to 10 concurrent invokes; the mapping adds up to
// 1,000 concurrent executions per minute, up to 20,000. MinimumPollers 2-200, MaximumPollers
// 2-2,000 (the newest API page says 10,000; we keep the documented SQS range).
export const provisionedModeLimits = Object.freeze({
  invokesPerPoller: 10,
  scaleUpPerMinute: 1_000,
  concurrencyMax: 20_000,
  minimumPollers: [2, 200] as const,
  maximumPollers: [2, 2_000] as const,
});

function intIn(value: number, [min, max]: readonly [number, number]): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** What is wrong with a provisioned-mode setting, including its use with MaximumConcurrency. */
export function provisionedIssues(
  p: ProvisionedPollerConfig | undefined,
  maximumConcurrency: number | undefined,
  maximumConcurrencyPath = "scaling.maximumConcurrency",
): FieldIssue[] {
  if (p === undefined) return [];
  const issues: FieldIssue[] = [];
  const { minimumPollers: minRange, maximumPollers: maxRange } = provisionedModeLimits;
  if (!intIn(p.minimumPollers, minRange)) {
    issues.push({
      path: "provisionedPollerConfig.minimumPollers",
      message: `must be an integer in ${minRange[0]}..${minRange[1]}`,
    });
  }
  if (!intIn(p.maximumPollers, maxRange)) {
    issues.push({
      path: "provisionedPollerConfig.maximumPollers",
      message: `must be an integer in ${maxRange[0]}..${maxRange[1]}`,
    });
  } else if (p.maximumPollers < p.minimumPollers) {
    issues.push({
      path: "provisionedPollerConfig.maximumPollers",
      message: "must be >= minimumPollers",
    });
  }
  if (maximumConcurrency !== undefined) {
    // AWS: provisioned mode and MaximumConcurrency cannot be used together (aws-facts 2.2).
    issues.push({
      path: "provisionedPollerConfig",
      message: `cannot be used together with ${maximumConcurrencyPath}`,
    });
  }
  return issues;
}

/**
 * The scaling rules of provisioned mode, in the controller's terms (concurrent batches): start
 * at the minimum pollers' invokes, add 1,000 a minute while messages wait, cap at the maximum
 * pollers' invokes (at most 20,000), and never drop below the minimum pollers on an idle queue.
 */
export function provisionedScaling(base: ScalingConfig, p: ProvisionedPollerConfig): ScalingConfig {
  const { invokesPerPoller, scaleUpPerMinute, concurrencyMax } = provisionedModeLimits;
  const floor = p.minimumPollers * invokesPerPoller;
  return Object.freeze({
    ...base,
    startingConcurrency: floor,
    lowTrafficConcurrency: floor,
    scaleUpPerMinute,
    // Our choice, as in standard mode: step down at the scale-up rate (AWS publishes none).
    scaleDownPerMinute: scaleUpPerMinute,
    concurrencyCap: Math.min(p.maximumPollers * invokesPerPoller, concurrencyMax),
    maximumConcurrency: undefined,
  });
}

/** Event pollers that run `concurrency` concurrent batches (10 invokes each). */
export function pollersFor(concurrency: number): number {
  return Math.ceil(concurrency / provisionedModeLimits.invokesPerPoller);
}
