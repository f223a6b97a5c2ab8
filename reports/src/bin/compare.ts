#!/usr/bin/env node
import { runCompareCommand } from "../cli/compare-command.js";

process.exitCode = runCompareCommand(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
