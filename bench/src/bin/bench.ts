#!/usr/bin/env node
// npm run bench — the benchmark harness CLI (see `--help`). All the logic is in ../cli.
import "./quiet-sdk-notice.js";
import { runCli } from "../cli/main.js";
import { ExitCodes } from "../cli/usage-error.js";

const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) {
    // A second Ctrl-C: the user wants out now; stacks' children die with us (process guards).
    process.stderr.write("\nbench: second interrupt, exiting now\n");
    process.exit(ExitCodes.interrupted);
  }
  process.stderr.write(
    "\nbench: interrupted; stopping the schedule and writing the result (Ctrl-C again to quit now)\n",
  );
  interrupt.abort();
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: interrupt.signal,
});
process.exitCode = interrupt.signal.aborted && code === ExitCodes.ok ? ExitCodes.interrupted : code;
