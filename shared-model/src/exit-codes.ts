/**
 * The exit codes of every command-line tool (`bench`, `report`, `compare`): one table, so the
 * tools agree and each `--help` prints the same rows. Codes follow shell conventions (2 =
 * usage, 128 + SIGINT = 130).
 */
export const EXIT_CODES = Object.freeze({
  ok: { code: 0, meaning: "success (compare: no regression)" },
  failed: {
    code: 1,
    meaning: "a run failed, a report could not be written, or compare found a regression",
  },
  usage: {
    code: 2,
    meaning: "bad usage: a flag, argument, scenario or input is invalid (the message names it)",
  },
  degraded: {
    code: 3,
    meaning: "degraded: a run ended but lost accepted jobs (their ids are in the result's outcome)",
  },
  interrupted: { code: 130, meaning: "interrupted (Ctrl-C); bench still writes what it measured" },
} as const);

/** An exit outcome's name. */
export type ExitName = keyof typeof EXIT_CODES;

/** Name -> number: `ExitCodes.usage` is 2. */
export const ExitCodes = Object.freeze(
  Object.fromEntries(Object.entries(EXIT_CODES).map(([name, e]) => [name, e.code])) as {
    readonly [K in ExitName]: (typeof EXIT_CODES)[K]["code"];
  },
);

/** The `Exit codes` section of a `--help` text, one aligned row per code. */
export function formatExitCodes(indent = "  "): string {
  const rows = Object.values(EXIT_CODES).map(
    (e) => `${indent}${String(e.code).padEnd(5)}${e.meaning}`,
  );
  return `Exit codes\n${rows.join("\n")}\n`;
}
