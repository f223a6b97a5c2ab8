#!/usr/bin/env node
// First step of `npm test`: what the tests need beyond `npm ci`. Today that is Debian's Chromium
// (the report's browser test drives /usr/bin/chromium through playwright-core; we never download
// a browser). As root with apt-get it is installed here; otherwise the run stops at once with the
// one command to run, instead of failing minutes later inside a test.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

// QS_CHROMIUM points the check (and the browser test) elsewhere; its test uses that.
const CHROMIUM = process.env.QS_CHROMIUM || "/usr/bin/chromium";
const INSTALL = "apt-get update && apt-get install -y chromium";

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasAptGet() {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function run(command) {
  process.stderr.write(`test prerequisites: ${command}\n`);
  const r = spawnSync("sh", ["-c", command], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return r.status === 0;
}

if (!executable(CHROMIUM)) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root || !hasAptGet()) {
    process.stderr.write(
      `npm test needs Debian's Chromium at ${CHROMIUM} for the report's browser test: run \`sudo sh -c '${INSTALL}'\`, then npm test again\n`,
    );
    process.exit(1);
  }
  process.stderr.write(
    `test prerequisites: ${CHROMIUM} is missing; installing Debian's chromium (about a minute)\n`,
  );
  if (
    !run("apt-get update -q >/dev/null") ||
    !run("apt-get install -y -q chromium >/dev/null") ||
    !executable(CHROMIUM)
  ) {
    process.stderr.write(
      `test prerequisites: installing chromium failed; run \`${INSTALL}\` and read its errors\n`,
    );
    process.exit(1);
  }
}
