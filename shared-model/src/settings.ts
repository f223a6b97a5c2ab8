/** A setting that could not be used; the message names the variable or flag. */
export class SettingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "SettingError";
  }
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
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw))
    throw new SettingError(field, `expected an integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new SettingError(field, `must be between ${min} and ${max}, got ${n}`);
  return n;
}
