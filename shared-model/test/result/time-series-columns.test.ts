import { describe, expect, it } from "vitest";
import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PHASE_CODES,
  PROJECTION_SERIES_COLUMNS,
  SERIES_COLUMNS,
} from "../../src/index.js";

describe("time-series column contract", () => {
  it("lists every column once across the common and async lists", () => {
    // Prepare
    const all: string[] = [
      ...COMMON_SERIES_COLUMNS,
      ...ASYNC_SERIES_COLUMNS,
      ...PROJECTION_SERIES_COLUMNS,
    ];

    // Act
    const duplicates = all.filter((c, i) => all.indexOf(c) !== i);

    // Assess
    expect(duplicates).toEqual([]);
    expect(new Set(COMMON_SERIES_COLUMNS).size).toBe(COMMON_SERIES_COLUMNS.length);
    expect(new Set(ASYNC_SERIES_COLUMNS).size).toBe(ASYNC_SERIES_COLUMNS.length);
  });

  it("describes every listed column with a unit and a meaning, and lists every described one", () => {
    // Prepare
    const listed: string[] = [
      ...COMMON_SERIES_COLUMNS,
      ...ASYNC_SERIES_COLUMNS,
      ...PROJECTION_SERIES_COLUMNS,
    ];
    const described = Object.entries(SERIES_COLUMNS);

    // Act
    const undescribed = listed.filter((c) => !Object.hasOwn(SERIES_COLUMNS, c));
    const unlisted = described.map(([name]) => name).filter((name) => !listed.includes(name));

    // Assess
    expect(undescribed).toEqual([]);
    expect(unlisted).toEqual([]);
    for (const [, column] of described) {
      expect(column.unit.length).toBeGreaterThan(0);
      expect(column.meaning.length).toBeGreaterThan(0);
    }
  });

  it("starts with the time and phase columns, and gives each phase its own code", () => {
    // Act
    const codes = Object.values(PHASE_CODES);

    // Assess
    expect(COMMON_SERIES_COLUMNS.slice(0, 2)).toEqual(["t", "phase"]);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
