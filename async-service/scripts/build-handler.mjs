// Bundles the Lambda handler (src/handler/index.ts) into one ES module, dist/handler/index.mjs:
// one file to load means a short init (cold start). The bundle, not the tsc output, is what runs.
import { mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/handler/index.mjs");
await mkdir(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, "src/handler/index.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Prefer ES module builds: the AWS SDK ships both, and only its ES modules tree-shake.
  mainFields: ["module", "main"],
  minify: true,
  legalComments: "none",
  // Some CommonJS dependencies call require() for Node built-ins; give the ES module bundle one.
  banner: {
    js: "import { createRequire as __qsCreateRequire } from 'node:module'; const require = __qsCreateRequire(import.meta.url);",
  },
  logLevel: "warning",
});
const { size } = await stat(outfile);
if (process.argv.includes("--print")) console.log(JSON.stringify({ bundle: outfile, bytes: size }));
