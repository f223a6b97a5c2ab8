import { Issues } from "../engine/projection-error.js";

/**
 * Parses a per-minute rate file: CSV lines `minute,rate` (rate in requests per second, minute
 * counted from 0 and consecutive), an optional header line, blank lines and `#` comments
 * ignored. Errors name the line: `rate-file line 7: ...`.
 */
export function parseRateFile(text: string, path = "rate-file"): Float64Array {
  const rates: number[] = [];
  const issues = new Issues();
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `${path} line ${i + 1}`;
    const cells = line.split(",").map((c) => c.trim());
    if (rates.length === 0 && issues.list.length === 0 && /^[a-z_ ]+,[a-z_/ ]+$/i.test(line))
      continue;
    if (cells.length !== 2) {
      issues.check(false, where, `expected "minute,rate", got "${line}"`);
      continue;
    }
    const minute = Number(cells[0]);
    const rate = Number(cells[1]);
    issues.check(
      cells[0] !== "" && Number.isInteger(minute) && minute === rates.length,
      `${where} (minute)`,
      `expected minute ${rates.length} (consecutive from 0), got "${cells[0]}"`,
    );
    issues.check(
      cells[1] !== "" && Number.isFinite(rate) && rate >= 0,
      `${where} (rate)`,
      `must be a number >= 0 (requests per second), got "${cells[1]}"`,
    );
    rates.push(rate);
    if (issues.list.length >= 10) break;
  }
  issues.check(rates.length > 0 || issues.list.length > 0, path, "has no minute,rate lines");
  issues.throwIfAny();
  return Float64Array.from(rates);
}
