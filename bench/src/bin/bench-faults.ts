#!/usr/bin/env node
// npm run bench:faults — the fault suite: each fault on a fresh stack, every job reconciled by id
// (succeeded / failed and told / in the DLQ / lost), ending with
// `faults: <n> scenarios, <jobs> jobs, lost <l>`. Exit 1 when a job was lost. Not a test: it prints.
import "./quiet-sdk-notice.js";
import { parseArgs } from "node:util";
import { FAULTS, renderLedgers, runFaultSuite } from "../faults/index.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "200" },
    only: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
const names = FAULTS.map((f) => f.name);
if (values.help) {
  process.stdout.write(`usage: npm run bench:faults -- [--jobs N] [--only ${names.join(",")}]\n`);
  process.exit(0);
}
const jobs = Number(values.jobs);
if (!/^\d+$/.test(values.jobs) || jobs < 10 || jobs > 10_000) {
  process.stderr.write(
    `bench:faults: --jobs must be an integer from 10 to 10,000, got ${JSON.stringify(values.jobs)}\n`,
  );
  process.exit(2);
}
const only = values.only?.split(",").map((s) => s.trim()) ?? names;
const unknown = only.filter((n) => !names.includes(n as (typeof names)[number]));
if (unknown.length > 0) {
  process.stderr.write(
    `bench:faults: --only: unknown fault ${unknown.join(", ")} (known: ${names.join(", ")})\n`,
  );
  process.exit(2);
}

try {
  const rows = await runFaultSuite(
    { jobs, settleSeconds: 60, log: (l) => process.stderr.write(`${l}\n`) },
    only,
  );
  process.stdout.write(`${renderLedgers(rows)}\n`);
  process.exitCode = rows.some((r) => r.lost > 0) ? 1 : 0;
} catch (err) {
  process.stderr.write(
    `bench:faults failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
}
