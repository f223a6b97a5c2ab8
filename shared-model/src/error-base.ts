/**
 * The one error base of the project: every typed error has a stable `code` from a catalogue,
 * a message, the issues found (each a path and what is wrong there), the first offending
 * `field`, and the `cause` it wraps. Catalogues document each code (meaning, how to fix) and
 * codes are never reused; `test/lint/error-catalogues.test.ts` checks that across workspaces.
 */

/** One problem with an input: a field path (`load.stages[0].target`) and what is wrong there. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** What every catalogue entry documents; catalogues may add their own columns (HTTP status...). */
export interface CatalogueEntry {
  readonly meaning: string;
  readonly fix: string;
}

// Marks objects built by `defineErrorCatalogue` (a non-enumerable property, so `keyof` and
// `Object.keys` see only codes), letting a repo-wide test find every catalogue.
const ERROR_CATALOGUE = Symbol.for("queueshift.errorCatalogue");

/** A frozen catalogue of codes; keys are the codes. */
export type ErrorCatalogue<T extends Record<string, CatalogueEntry>> = Readonly<T>;

/** Harness, report and library codes read `QS_<AREA>_<WHAT>`; the public API's are documented apart. */
export const ERROR_CODE_PATTERN = /^QS_[A-Z]+_[A-Z0-9_]+$/;

/** Freezes a catalogue and tags it; the `const` type keeps each entry's literal columns. */
export function defineErrorCatalogue<const T extends Record<string, CatalogueEntry>>(
  entries: T,
): ErrorCatalogue<T> {
  const catalogue = { ...entries };
  Object.defineProperty(catalogue, ERROR_CATALOGUE, { value: true, enumerable: false });
  for (const entry of Object.values(catalogue)) Object.freeze(entry);
  return Object.freeze(catalogue) as ErrorCatalogue<T>;
}

/** True for a catalogue made by `defineErrorCatalogue`. */
export function isErrorCatalogue(
  value: unknown,
): value is ErrorCatalogue<Record<string, CatalogueEntry>> {
  return typeof value === "object" && value !== null && ERROR_CATALOGUE in value;
}

/** Options every typed error takes. `field` defaults to the first issue's path. */
export interface QueueshiftErrorOptions {
  readonly issues?: readonly FieldIssue[];
  readonly field?: string;
  readonly cause?: unknown;
}

/** The base of every typed error; subclasses fix the code type and set `name`. */
export class QueueshiftError<C extends string = string> extends Error {
  readonly code: C;
  readonly issues: readonly FieldIssue[];
  /** The first offending field, flag or variable, when the error is about an input. */
  readonly field: string | undefined;

  constructor(code: C, message: string, options: QueueshiftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "QueueshiftError";
    this.code = code;
    this.issues = options.issues ?? [];
    this.field = options.field ?? this.issues[0]?.path;
  }
}

/** `path: message; path: message`, the one-line form of a list of issues. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}
