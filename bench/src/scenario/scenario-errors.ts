/** The scenario catalogue of errors: stable codes, never reused. */
export const ScenarioErrorCodes = {
  QS_SCENARIO_INVALID: {
    meaning: "A scenario does not match the scenario format or its values are out of range.",
    fix: "Read `issues`: every problem is listed with its field path (e.g. load.stages[0].target).",
  },
  QS_SCENARIO_NOT_FOUND: {
    meaning: "No shipped scenario has that name and no file exists at that path.",
    fix: "Run `bench --list` for the shipped names, or pass a path to a JSON file.",
  },
  QS_SCENARIO_UNREADABLE: {
    meaning: "The scenario file could not be read or is not JSON.",
    fix: "Check the path and the JSON syntax (the cause says where parsing stopped).",
  },
  QS_SCENARIO_BAD_OVERRIDE: {
    meaning: "A command-line override (duration, rate, architecture) does not fit the scenario.",
    fix: "Drop the override or pick a scenario whose executor it applies to.",
  },
} as const;

/** A stable code from `ScenarioErrorCodes`. */
export type ScenarioErrorCode = keyof typeof ScenarioErrorCodes;

/** One problem in a scenario: a dotted field path (`async.batchSize`) and what is wrong. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** A typed scenario error; `issues` lists every problem found, not just the first. */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly issues: readonly ScenarioIssue[];

  constructor(
    code: ScenarioErrorCode,
    message: string,
    options: { issues?: readonly ScenarioIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ScenarioError";
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
