import { describe, expect, it } from "vitest";
import {
  describeBounds,
  EXIT_CODES,
  ExitCodes,
  formatExitCodes,
  formatQuantity,
  parseDecimalFlag,
  parseDecimalSetting,
  parseIntegerSetting,
  rangeMessage,
  SettingError,
} from "../../src/index.js";

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SettingError);
    return (err as Error).message;
  }
  throw new Error("expected a SettingError");
}

describe("range messages", () => {
  it("read as numbers people write, never as 5e-324 or ungrouped digits", () => {
    // Act
    const texts = [
      rangeMessage(Number.MIN_VALUE, 86_400),
      rangeMessage(1, 1_000, true),
      rangeMessage(0, Number.POSITIVE_INFINITY),
      describeBounds(Number.MIN_VALUE, Number.POSITIVE_INFINITY),
      formatQuantity(4_294_967_295),
      formatQuantity(0.125),
    ];

    // Assess
    expect(texts).toEqual([
      "must be a number > 0 and <= 86,400",
      "must be an integer between 1 and 1,000",
      "must be a number >= 0",
      "> 0",
      "4,294,967,295",
      "0.125",
    ]);
  });
});

describe("parseDecimalSetting", () => {
  it("accepts plain decimals", () => {
    // Act
    const values = ["12", "2.5", "0.001", "100000"].map((raw) =>
      parseDecimalSetting("--rate", raw, Number.MIN_VALUE, 100_000),
    );

    // Assess
    expect(values).toEqual([12, 2.5, 0.001, 100_000]);
  });

  it.each(["0x10", "0o17", "0b1", "1e3", "-1", "+5", " 7", "7 ", "Infinity", "NaN", "1,000", ".5"])(
    "rejects %j naming the flag",
    (raw) => {
      // Act
      const message = messageOf(() => parseDecimalSetting("--rate", raw, 0, 100_000));

      // Assess
      expect(message).toBe(
        `--rate: expected a plain decimal number (like 12 or 2.5), got ${JSON.stringify(raw)}`,
      );
    },
  );

  it("says the range in people's numbers when the value is outside it", () => {
    // Act
    const high = messageOf(() => parseDecimalSetting("--rate", "200000", Number.MIN_VALUE, 1e5));
    const zero = messageOf(() => parseDecimalSetting("--rate", "0", Number.MIN_VALUE, 1e5));

    // Assess
    expect(high).toBe("--rate: must be > 0 and <= 100,000, got 200000");
    expect(zero).toBe("--rate: must be > 0 and <= 100,000, got 0");
  });

  it("treats an absent setting as unset, but an empty flag value as an error", () => {
    // Act
    const absent = parseDecimalFlag("--rate", undefined, 0, 1);
    const empty = messageOf(() => parseDecimalFlag("--rate", "", 0, 1));

    // Assess
    expect(absent).toBeUndefined();
    expect(parseDecimalSetting("RATE", "", 0, 1)).toBeUndefined();
    expect(empty).toBe("--rate: needs a value");
  });
});

describe("parseIntegerSetting", () => {
  it("rejects non-integers and states the range with digit groups", () => {
    // Act
    const hex = messageOf(() => parseIntegerSetting("PORT", "0x50", 0, 65_535));
    const big = messageOf(() => parseIntegerSetting("PORT", "70000", 0, 65_535));

    // Assess
    expect(hex).toBe('PORT: expected an integer, got "0x50"');
    expect(big).toBe("PORT: must be between 0 and 65,535, got 70000");
  });
});

describe("exit codes", () => {
  it("are one table with distinct codes, including the reserved `degraded`", () => {
    // Act
    const codes = Object.values(EXIT_CODES).map((e) => e.code);

    // Assess
    expect(new Set(codes).size).toBe(codes.length);
    expect(ExitCodes).toEqual({ ok: 0, failed: 1, usage: 2, degraded: 3, interrupted: 130 });
  });

  it("render a --help section with every code and its meaning", () => {
    // Act
    const text = formatExitCodes();

    // Assess
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("Exit codes");
    expect(lines.slice(1)).toEqual(
      Object.values(EXIT_CODES).map((e) => `  ${String(e.code).padEnd(5)}${e.meaning}`),
    );
  });
});
