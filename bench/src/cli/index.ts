/** The `bench` command line: flags, help, progress line, report hand-off. */

// The shared table, re-exported so the CLI's callers and tests need one import.
export { ExitCodes } from "@queueshift/shared-model";
export { HELP_TEXT } from "./help.js";
export { type CliIo, DEFAULT_SUITE, runCli } from "./main.js";
export { type CliOptions, parseCliArgs } from "./parse-args.js";
export { formatProgress, ProgressPrinter } from "./progress-line.js";
export { runReport } from "./report-child.js";
export { prepareResultsDir } from "./results-dir.js";
export { BenchErrorCodes, UsageError } from "./usage-error.js";
