#!/usr/bin/env node
import { runReportCommand } from "../cli/report-command.js";

process.exitCode = runReportCommand(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
