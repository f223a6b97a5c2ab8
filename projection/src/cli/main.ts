#!/usr/bin/env node
import { runProjectCommand } from "./project-command.js";

process.exitCode = runProjectCommand(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
