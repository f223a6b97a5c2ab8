// Bundles the Lambda handler (src/handler/index.ts) into one ES module, dist/handler/index.mjs:
// one file to load means a short init (cold start). The bundle, not the tsc output, is what runs.
// Flags: --print (path and size as JSON), --analyze (esbuild's per-input size breakdown).
// The metafile is kept beside the bundle (index.meta.json) for anyone who wants to dig further.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeMetafile, build } from "esbuild";

// Packages that must not end up in the bundle: the full SQS client roughly doubled the cold start
// (bundle compile time plus the Node built-ins it loads); the handler uses the lean publisher.
const FORBIDDEN = ["node_modules/@aws-sdk/"];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/handler/index.mjs");
await mkdir(dirname(outfile), { recursive: true });
const { metafile } = await build({
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
  metafile: true,
  logLevel: "warning",
});
await writeFile(join(dirname(outfile), "index.meta.json"), JSON.stringify(metafile));
const forbidden = Object.keys(metafile.inputs).filter((p) => FORBIDDEN.some((f) => p.includes(f)));
if (forbidden.length > 0) {
  console.error(
    `build-handler: the bundle pulls in ${forbidden.length} files it must not (e.g. ${forbidden[0]}); ` +
      "use LeanSqsResultPublisher in the handler, not the AWS SDK client",
  );
  process.exit(1);
}
const { size } = await stat(outfile);
if (process.argv.includes("--analyze")) console.log(await analyzeMetafile(metafile));
if (process.argv.includes("--print")) console.log(JSON.stringify({ bundle: outfile, bytes: size }));
