#!/usr/bin/env node
import { runSuiteReportCommand } from "../cli/suite-command.js";

process.exitCode = runSuiteReportCommand(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
