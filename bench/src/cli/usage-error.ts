/** Exit codes of `bench` (documented in `--help`). */
export const ExitCodes = {
  ok: 0,
  runFailed: 1,
  usage: 2,
  /** The run ended but lost accepted jobs (named in the result's outcome): no recommendation. */
  degraded: 3,
  interrupted: 130,
} as const;

/** A bad command line: the message names the flag; the CLI exits with code 2. */
export class UsageError extends Error {
  readonly code = "QS_BENCH_USAGE" as const;
  readonly flag: string | undefined;

  constructor(message: string, flag?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
    this.flag = flag;
  }
}
