// Range messages read as numbers people use: "must be a number > 0 and <= 86,400", never
// "[5e-324, 86400]". Callers that mean "positive" pass Number.MIN_VALUE as the minimum.

/** A number as people write it: digit groups, at most 6 decimals, no exponent. */
export function formatQuantity(n: number): string {
  if (n === Number.MIN_VALUE) return "0";
  return n.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** "> 0 and <= 86,400", "between 1 and 1,000", ">= 0": the bounds of a range in words. */
export function describeBounds(min: number, max: number): string {
  const hasMax = max !== Number.POSITIVE_INFINITY;
  const upper = hasMax ? `<= ${formatQuantity(max)}` : "";
  if (min === Number.MIN_VALUE) return hasMax ? `> 0 and ${upper}` : "> 0";
  if (min === Number.NEGATIVE_INFINITY) return hasMax ? upper : "finite";
  if (!hasMax) return `>= ${formatQuantity(min)}`;
  return `between ${formatQuantity(min)} and ${formatQuantity(max)}`;
}

/** "must be an integer between 1 and 64" / "must be a number > 0 and <= 86,400". */
export function rangeMessage(min: number, max: number, integer = false): string {
  return `must be ${integer ? "an integer" : "a number"} ${describeBounds(min, max)}`;
}

/** True when `value` is a finite number within [min, max] (and whole, if asked). */
export function inRange(
  value: unknown,
  min: number,
  max: number,
  integer = false,
): value is number {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value))
  );
}
