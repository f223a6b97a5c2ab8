/** A scale from data values to pixels. */
export interface Scale {
  readonly kind: "linear" | "log";
  readonly min: number;
  readonly max: number;
  /** Pixel of a data value (log scales clamp values <= 0 to the minimum). */
  at(value: number): number;
  /** Tick values and labels along the axis. */
  ticks(format: (v: number) => string): { value: number; label: string }[];
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

/** A linear scale over [min, max] (widened to nice bounds) onto [p0, p1] pixels. */
export function linearScale(min: number, max: number, p0: number, p1: number): Scale {
  const lo0 = Math.min(min, max);
  let hi0 = Math.max(min, max);
  if (hi0 === lo0) hi0 = lo0 + 1;
  const step = niceStep(hi0 - lo0, 5);
  const lo = Math.floor(lo0 / step) * step;
  const hi = Math.ceil(hi0 / step) * step;
  const at = (v: number) => p0 + ((v - lo) / (hi - lo)) * (p1 - p0);
  const ticks = (format: (v: number) => string) => {
    const out: { value: number; label: string }[] = [];
    for (let v = lo; v <= hi + step / 2; v += step) out.push({ value: v, label: format(v) });
    return out;
  };
  return { kind: "linear", min: lo, max: hi, at, ticks };
}

/** A log10 scale over decades covering [min, max] onto [p0, p1] pixels. */
export function logScale(min: number, max: number, p0: number, p1: number): Scale {
  const lo = 10 ** Math.floor(Math.log10(Math.max(min, 1e-9)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(max, min, 1e-9)));
  if (hi <= lo) hi = lo * 10;
  const span = Math.log10(hi) - Math.log10(lo);
  const at = (v: number) =>
    p0 + ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / span) * (p1 - p0);
  const ticks = (format: (v: number) => string) => {
    const out: { value: number; label: string }[] = [];
    for (let v = lo; v <= hi * 1.0001; v *= 10) out.push({ value: v, label: format(v) });
    return out;
  };
  return { kind: "log", min: lo, max: hi, at, ticks };
}
