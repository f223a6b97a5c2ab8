import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/** The `bench` command line's codes; codes are never reused (documented in bench/README.md). */
export const BenchErrorCodes = defineErrorCatalogue({
  QS_BENCH_USAGE: {
    meaning:
      "A flag is unknown, lacks its value or is malformed, or the --results-dir cannot be written.",
    fix: "Run with --help; the message names the flag and what it accepts.",
  },
});

/** A bad command line: the message names the flag (`field`); the CLI exits with code 2. */
export class UsageError extends QueueshiftError<keyof typeof BenchErrorCodes> {
  override readonly name: string = "UsageError";

  constructor(message: string, flag?: string, options: { cause?: unknown } = {}) {
    super("QS_BENCH_USAGE", message, {
      ...(flag === undefined ? {} : { field: flag }),
      ...options,
    });
  }
}
