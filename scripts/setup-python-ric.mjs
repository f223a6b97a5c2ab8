#!/usr/bin/env node
// Makes the virtual environment `python3.12` test functions run in: AWS's Python runtime interface
// client `awslambdaric` (pinned) from PyPI, in `.cache/python-ric/.venv` (git-ignored).
// Idempotent. Prints the venv's python. Uses python3.12 when present, else python3 (the client
// supports 3.9+; the platform records the interpreter's own version).
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const AWSLAMBDARIC = "4.2.2";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const venv = join(root, ".cache", "python-ric", ".venv");
const python = join(venv, "bin", "python");
const done = join(venv, `.awslambdaric-${AWSLAMBDARIC}`);

const works = (cmd) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] }).status;

if (!existsSync(done)) {
  const base = ["python3.12", "python3"].find(works);
  if (base === undefined) {
    process.stderr.write("setup-python-ric: neither python3.12 nor python3 runs\n");
    process.exit(1);
  }
  if (!existsSync(python) && run(base, ["-m", "venv", venv]) !== 0) process.exit(1);
  const pip = [
    "-m",
    "pip",
    "install",
    "--quiet",
    "--disable-pip-version-check",
    `awslambdaric==${AWSLAMBDARIC}`,
  ];
  if (run(python, pip) !== 0) {
    process.stderr.write("setup-python-ric: pip install awslambdaric failed\n");
    process.exit(1);
  }
  writeFileSync(done, `${new Date().toISOString()}\n`);
}
process.stdout.write(`${python}\n`);
