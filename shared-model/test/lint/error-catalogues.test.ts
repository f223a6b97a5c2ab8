import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CatalogueEntry,
  ERROR_CODE_PATTERN,
  ErrorCodes,
  isErrorCatalogue,
} from "../../src/index.js";

// A repo-wide check, like dependency-rule.test.ts: it reads every workspace's sources, so it
// finds a catalogue nobody remembered to list. Catalogues are pure data modules.
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const WORKSPACES = [
  "shared-model",
  "sqs-client",
  "sync-service",
  "async-service",
  "bench",
  "reports",
];
const PUBLIC_API_CODES = new Set(Object.keys(ErrorCodes));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ["node_modules", "dist"].includes(entry.name) ? [] : markdownFiles(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

interface Found {
  readonly file: string;
  readonly workspace: string;
  readonly codes: readonly string[];
  readonly entries: readonly CatalogueEntry[];
}

const sources = WORKSPACES.flatMap((w) => sourceFiles(join(repo, w, "src")));
let catalogues: Found[] = [];

beforeAll(async () => {
  const files = sources.filter((f) => readFileSync(f, "utf8").includes("defineErrorCatalogue({"));
  const found: Found[] = [];
  for (const file of files) {
    const mod: Record<string, unknown> = await import(pathToFileURL(file).href);
    for (const value of Object.values(mod)) {
      if (!isErrorCatalogue(value)) continue;
      found.push({
        file: relative(repo, file),
        workspace: relative(repo, file).split("/")[0] ?? "",
        codes: Object.keys(value),
        entries: Object.values(value),
      });
    }
  }
  catalogues = found;
});

describe("error catalogues across the workspaces", () => {
  it("finds every catalogue: one per file that defines one, ten or more in all", () => {
    // Act
    const files = new Set(catalogues.map((c) => c.file));

    // Assess
    expect(catalogues.length).toBeGreaterThanOrEqual(10);
    expect(files.size).toBe(catalogues.length);
  });

  it("never uses a code twice, across all catalogues", () => {
    // Act
    const all = catalogues.flatMap((c) => c.codes.map((code) => `${code} (${c.file})`));
    const codes = catalogues.flatMap((c) => c.codes);
    const repeated = all.filter((_, i) => codes.indexOf(codes[i] ?? "") !== i);

    // Assess
    expect(codes.length).toBeGreaterThan(40);
    expect(repeated).toEqual([]);
  });

  it("names every code QS_<AREA>_<WHAT>, except the documented public API codes", () => {
    // Act
    const bad = catalogues
      .flatMap((c) => c.codes)
      .filter((code) => !ERROR_CODE_PATTERN.test(code) && !PUBLIC_API_CODES.has(code));

    // Assess
    expect(bad).toEqual([]);
  });

  it("documents each code's meaning and fix in the catalogue and in a table of its workspace's docs", () => {
    // Prepare
    const docs = (workspace: string) =>
      [join(repo, "README.md"), ...markdownFiles(join(repo, workspace))]
        .map((f) => readFileSync(f, "utf8"))
        .join("\n");

    // Act
    const undocumented = catalogues.flatMap((c) => {
      const text = docs(c.workspace);
      return c.codes
        .filter((code) => !text.includes(`| \`${code}\``))
        .map((code) => `${c.file}: ${code}`);
    });
    const empty = catalogues.flatMap((c) =>
      c.entries.filter((e) => e.meaning.length < 10 || e.fix.length < 5).map(() => c.file),
    );

    // Assess
    expect(undocumented).toEqual([]);
    expect(empty).toEqual([]);
  });

  it("leaves no QS-prefixed code literal in any source that breaks the rule (QSB_... is gone)", () => {
    // Act
    const bad = sources.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bQS[A-Z]*_[A-Z0-9_]+\b/g)]
        .map((m) => m[0])
        .filter((code) => !ERROR_CODE_PATTERN.test(code) && !PUBLIC_API_CODES.has(code))
        .map((code) => `${relative(repo, file)}: ${code}`),
    );

    // Assess
    expect(bad).toEqual([]);
  });
});
