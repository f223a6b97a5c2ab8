import type { FieldIssue } from "../errors.js";
import { CostModelError } from "./cost-model-error.js";
import { deepFreeze, type PriceTable } from "./price-table.js";

/** A deep partial of `T`; arrays (tier lists) are replaced whole, never merged element-wise. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** User overrides of a price table (same shape, every key optional). */
export type PriceOverrides = DeepPartial<PriceTable>;

// Records whose keys are open: a user may add an instance type the sheet lacks.
const OPEN_RECORDS = new Set(["ec2.instances"]);
// Numbers used as divisors or sizes: zero would make the model divide by zero.
const POSITIVE_KEYS = new Set([
  "per",
  "monthHours",
  "chunkBytes",
  "maxMessagesPerCall",
  "maxLongPollSeconds",
  "httpMeteringBytes",
  "billingGranularityMs",
  "bytesPerGb",
  "vcpu",
  "memoryGiB",
  "newConnectionsPerSecond",
  "activeConnectionsPerMinute",
  "processedGbPerHourInstanceTargets",
  "processedGbPerHourLambdaTargets",
  "ruleEvaluationsPerSecond",
]);

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function checkTiers(tiers: Json, path: string, issues: FieldIssue[]): void {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    issues.push({ path, message: "must be a non-empty array of { upTo, price }" });
    return;
  }
  let previous = 0;
  for (const [i, tier] of (tiers as Json[]).entries()) {
    const at = `${path}[${i}]`;
    if (!isPlainObject(tier)) {
      issues.push({ path: at, message: "must be { upTo, price }" });
      continue;
    }
    for (const key of Object.keys(tier)) {
      if (key !== "upTo" && key !== "price")
        issues.push({ path: `${at}.${key}`, message: "unknown key" });
    }
    const { upTo, price } = tier;
    if (typeof price !== "number" || !Number.isFinite(price) || price < 0) {
      issues.push({ path: `${at}.price`, message: "must be a finite price >= 0" });
    }
    const last = i === tiers.length - 1;
    if (last && upTo !== null)
      issues.push({ path: `${at}.upTo`, message: "the last tier must have upTo: null" });
    if (!last && (typeof upTo !== "number" || !(upTo > previous) || !Number.isFinite(upTo))) {
      issues.push({ path: `${at}.upTo`, message: `must be a finite number above ${previous}` });
    }
    if (typeof upTo === "number") previous = upTo;
  }
}

function checkLeaf(base: Json, value: Json, path: string, key: string, issues: FieldIssue[]): void {
  if (typeof base === "number") {
    const min = POSITIVE_KEYS.has(key) ? "> 0" : ">= 0";
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (POSITIVE_KEYS.has(key) ? value > 0 : value >= 0);
    if (!ok) issues.push({ path, message: `must be a finite number ${min}` });
  } else if (typeof value !== typeof base) {
    issues.push({ path, message: `must be a ${typeof base}` });
  }
}

function merge(base: Json, override: Json, path: string, issues: FieldIssue[]): Json {
  if (!isPlainObject(override)) {
    issues.push({ path: path || "(overrides)", message: "must be an object" });
    return base;
  }
  const out: Record<string, Json> = { ...(base as Record<string, Json>) };
  for (const [key, value] of Object.entries(override)) {
    const at = join(path, key);
    const baseValue = (base as Record<string, Json>)[key];
    if (value === undefined) continue;
    if (baseValue === undefined && !OPEN_RECORDS.has(path)) {
      issues.push({ path: at, message: "unknown key" });
    } else if (key === "tiers") {
      checkTiers(value, at, issues);
      out[key] = value;
    } else if (baseValue === undefined) {
      // A new entry of an open record must be complete: merge it over a sibling's shape.
      const template = Object.values(base as Record<string, Json>)[0];
      out[key] = mergeNew(template, value, at, issues);
    } else if (isPlainObject(baseValue)) {
      out[key] = markUser(baseValue, merge(baseValue, value, at, issues));
    } else {
      checkLeaf(baseValue, value, at, key, issues);
      out[key] = value;
    }
  }
  return out;
}

function mergeNew(template: Json, value: Json, path: string, issues: FieldIssue[]): Json {
  if (!isPlainObject(template) || !isPlainObject(value)) return value;
  for (const key of Object.keys(template)) {
    if (value[key] === undefined)
      issues.push({ path: join(path, key), message: "required for a new entry" });
  }
  return merge(template, value, path, issues);
}

// A figure whose number was overridden but whose source was not now comes from the user.
function markUser(base: Record<string, Json>, merged: Json): Json {
  if (!isPlainObject(merged) || !("confidence" in base)) return merged;
  const changed = merged.value !== base.value || merged.tiers !== base.tiers;
  if (!changed || merged.source !== base.source) return merged;
  return { ...merged, source: "user override", confidence: "user" };
}

/**
 * A new frozen table: `base` with `overrides` applied. Validates every override and throws
 * QS_COST_INVALID_OVERRIDE listing all issues (unknown keys and negative prices by path).
 * Neither argument is mutated.
 */
export function mergePriceTable(base: PriceTable, overrides: PriceOverrides): PriceTable {
  const issues: FieldIssue[] = [];
  const merged = merge(base, overrides, "", issues);
  if (issues.length > 0) throw new CostModelError("QS_COST_INVALID_OVERRIDE", issues);
  return deepFreeze(structuredClone(merged) as PriceTable);
}
