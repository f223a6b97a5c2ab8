// The workspace dependency rule of DESIGN.md is enforced by Biome (biome.json overrides). This
// test plants forbidden imports in a scratch copy of the layout and runs the real Biome with the
// real configuration, so a config change that silently disables the rule fails here.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

interface Diagnostic {
  readonly category: string;
  readonly message: string;
  readonly location: { readonly path: string };
}

const probes: Record<string, string> = {
  "sync-service/src/probe.ts":
    'import { startBroker } from "@queueshift/bench";\nexport const a = startBroker;\n',
  "async-service/src/probe.ts":
    'import { x } from "../../sync-service/src/app.js";\nexport const b = x;\n',
  "bench/src/probe.ts":
    'import { handler } from "@queueshift/async-service";\nexport const c = handler;\n',
  "reports/src/probe.ts": 'import { run } from "@queueshift/bench";\nexport const d = run;\n',
  "shared-model/src/probe.ts":
    'import { readFileSync } from "node:fs";\nexport const e = [readFileSync, process.env.X];\n',
  "bench/src/allowed.ts":
    'import { analyze } from "@queueshift/shared-model";\nexport const f = analyze;\n',
  "sqs-client/src/probe.ts":
    'import { SQSClient } from "@aws-sdk/client-sqs";\nimport { x } from "../../async-service/src/index.js";\nexport const g = [SQSClient, x];\n',
  "sqs-client/src/allowed.ts":
    'import { request } from "node:http";\nimport { createHash } from "node:crypto";\nexport const h = [request, createHash];\n',
};

let dir: string;
let diagnostics: Diagnostic[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "qs-lint-"));
  const config = JSON.parse(await readFile(join(ROOT, "biome.json"), "utf8")) as Record<
    string,
    unknown
  >;
  // The scratch folder is not a git checkout; everything else is the repository's own config.
  config.vcs = { enabled: false };
  delete config.$schema;
  await writeFile(join(dir, "biome.json"), JSON.stringify(config));
  for (const [file, text] of Object.entries(probes)) {
    await mkdir(join(dir, file, ".."), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const run = await promisify(execFile)(BIOME, ["lint", "--reporter=json", "."], {
    cwd: dir,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? "" }));
  diagnostics = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rulesAt = (file: string) =>
  diagnostics.filter((d) => d.location.path === file).map((d) => d.category);

describe("the workspace dependency rule (Biome)", () => {
  it.each([
    "sync-service/src/probe.ts",
    "async-service/src/probe.ts",
    "bench/src/probe.ts",
    "reports/src/probe.ts",
  ])("forbids %s from importing another deployable or the harness", (file) => {
    expect(rulesAt(file)).toContain("lint/style/noRestrictedImports");
  });

  it("keeps shared-model free of Node I/O imports and process.env", () => {
    expect(rulesAt("shared-model/src/probe.ts")).toEqual(
      expect.arrayContaining(["lint/style/noRestrictedImports", "lint/style/noProcessEnv"]),
    );
  });

  it("keeps sqs-client free of the AWS SDK and of other workspaces, but lets it use node:http and node:crypto", () => {
    expect(
      rulesAt("sqs-client/src/probe.ts").filter((r) => r.endsWith("noRestrictedImports")),
    ).toHaveLength(2);
    expect(rulesAt("sqs-client/src/allowed.ts")).toEqual([]);
  });

  it("allows every workspace to import shared-model", () => {
    expect(rulesAt("bench/src/allowed.ts")).toEqual([]);
  });
});
