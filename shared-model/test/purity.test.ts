import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = fileURLToPath(new URL("../src", import.meta.url));
// The core must not read the clock, the environment or a non-seeded random source (DESIGN.md).
const FORBIDDEN = ["Date.now", "new Date", "performance.", "Math.random", "process."];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("shared-model purity", () => {
  it("has no clock, env or Math.random use anywhere in src", () => {
    // Prepare
    const files = sourceFiles(srcDir);

    // Act
    const hits = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return FORBIDDEN.filter((token) => text.includes(token)).map((token) => `${file}: ${token}`);
    });

    // Assess
    expect(files.length).toBeGreaterThan(5);
    expect(hits).toEqual([]);
  });
});
