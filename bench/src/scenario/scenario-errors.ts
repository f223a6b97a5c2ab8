import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/** The scenario catalogue of errors: stable codes, never reused. */
export const ScenarioErrorCodes = defineErrorCatalogue({
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
});

/** A stable code from `ScenarioErrorCodes`. */
export type ScenarioErrorCode = keyof typeof ScenarioErrorCodes;

/** A typed scenario error; `issues` lists every problem found (dotted paths), not just the first. */
export class ScenarioError extends QueueshiftError<ScenarioErrorCode> {
  override readonly name: string = "ScenarioError";
}
