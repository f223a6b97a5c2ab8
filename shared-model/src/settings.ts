import { defineErrorCatalogue, QueueshiftError } from "./error-base.js";
import { describeBounds, inRange } from "./range-text.js";

/** Codes of settings (environment variables and flags); codes are never reused. */
export const SettingErrorCodes = defineErrorCatalogue({
  QS_SETTING_INVALID: {
    meaning: "An environment variable or flag is missing, not a plain number, or out of range.",
    fix: "Correct the variable or flag the message names; the message gives the allowed range.",
  },
});

/** A setting that could not be used; the message names the variable or flag (`field`). */
export class SettingError extends QueueshiftError<keyof typeof SettingErrorCodes> {
  override readonly name: string = "SettingError";
  declare readonly field: string;

  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super("QS_SETTING_INVALID", `${field}: ${message}`, { field, ...options });
  }
}

// Plain decimals only: Number() would also take "0x10", "1e3", "0b1", " 7 " and "Infinity".
const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function parseNumberSetting(
  field: string,
  raw: string | undefined,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!(integer ? INTEGER : DECIMAL).test(raw)) {
    const kind = integer ? "an integer" : "a plain decimal number (like 12 or 2.5)";
    throw new SettingError(field, `expected ${kind}, got ${JSON.stringify(raw)}`);
  }
  const n = Number(raw);
  if (!inRange(n, min, max, integer))
    throw new SettingError(field, `must be ${describeBounds(min, max)}, got ${raw}`);
  return n;
}

/**
 * Parses a whole-number setting given as text (an environment variable or a flag): undefined
 * when absent or empty, else an integer in [min, max]; otherwise a `SettingError` naming `field`.
 */
export function parseIntegerSetting(
  field: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  return parseNumberSetting(field, raw, min, max, true);
}

/**
 * Parses a number setting written as a plain decimal (`12`, `2.5`; no sign, hex, octal,
 * exponent or spaces): undefined when absent or empty, else a number in [min, max] (pass
 * Number.MIN_VALUE as `min` for "> 0"); otherwise a `SettingError` naming `field`.
 */
export function parseDecimalSetting(
  field: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  return parseNumberSetting(field, raw, min, max, false);
}

/** `parseDecimalSetting` for a flag given on a command line: absent is fine, empty is not. */
export function parseDecimalFlag(
  flag: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === "") throw new SettingError(flag, "needs a value");
  return parseNumberSetting(flag, raw, min, max, false);
}
