import { readFileSync } from "node:fs";
import { assertResultDocument, type ResultDocument } from "@queueshift/shared-model";
import { ReportError, type ReportErrorCode } from "../errors.js";

function readJson(path: string, code: ReportErrorCode, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ReportError(code, `${path}: cannot read the ${what}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ReportError(code, `${path}: the ${what} is not JSON (${(cause as Error).message})`, {
      cause,
    });
  }
}

/** Reads and validates a result.json. */
export function readResultDocument(path: string): ResultDocument {
  const value = readJson(path, "QS_REPORT_INVALID_RESULT", "result document");
  try {
    return assertResultDocument(value);
  } catch (cause) {
    throw new ReportError("QS_REPORT_INVALID_RESULT", `${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** Reads a --prices override file (validated later by choosePrices). */
export function readPriceOverrides(path: string): unknown {
  return readJson(path, "QS_REPORT_INVALID_PRICES", "price override file");
}

/** Reads a --profile file: { monthlyRequests, shape, peakRate, slo }. */
export function readProfileFile(path: string): Record<string, unknown> {
  const value = readJson(path, "QS_REPORT_INVALID_PROFILE", "profile file");
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ReportError(
      "QS_REPORT_INVALID_PROFILE",
      `${path}: the profile must be a JSON object`,
    );
  }
  return value as Record<string, unknown>;
}
