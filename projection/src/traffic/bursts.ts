import { Issues } from "../engine/projection-error.js";

/** A burst on top of the profile: `multiplier` x the rate for `minutes` from `startMinute`. */
export interface Burst {
  readonly multiplier: number;
  readonly minutes: number;
  /** Minutes from the start of the profile (day 1, 00:00). */
  readonly startMinute: number;
  readonly text: string;
}

const BURST =
  /^\s*(\d+(?:\.\d+)?)\s*x\s+for\s+(\d+)\s*min\s+at\s+(?:day\s+(\d+)\s+)?(\d{1,2}):(\d{2})\s*$/i;

/**
 * Parses `10x for 5 min at 14:00` or `3x for 20 min at day 12 09:30` (day 1 by default).
 * `path` names the option in errors.
 */
export function parseBurst(text: string, path: string): Burst {
  const m = BURST.exec(text);
  const issues = new Issues();
  if (m === null) {
    issues.check(
      false,
      path,
      `"${text}" is not like "10x for 5 min at 14:00" (or "at day 3 14:00")`,
    );
    issues.throwIfAny();
  }
  const [, k, minutes, day, hh, mm] = m as RegExpExecArray;
  const burst = {
    multiplier: Number(k),
    minutes: Number(minutes),
    startMinute: (Number(day ?? 1) - 1) * 1_440 + Number(hh) * 60 + Number(mm),
    text: text.trim(),
  };
  issues.range(burst.multiplier, `${path} (multiplier)`, 0);
  issues.range(burst.minutes, `${path} (minutes)`, 1);
  issues.range(Number(day ?? 1), `${path} (day)`, 1, 31);
  issues.range(Number(hh), `${path} (hour)`, 0, 23);
  issues.range(Number(mm), `${path} (minute)`, 0, 59);
  issues.throwIfAny();
  return burst;
}

/** Multiplies the per-minute rates inside each burst (in place); bursts past the end are cut. */
export function applyBursts(minuteRates: Float64Array, bursts: readonly Burst[]): void {
  for (const b of bursts) {
    const end = Math.min(minuteRates.length, b.startMinute + b.minutes);
    for (let i = b.startMinute; i < end; i++)
      minuteRates[i] = (minuteRates[i] as number) * b.multiplier;
  }
}
