import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ScenarioError } from "./scenario-errors.js";
import type { Scenario } from "./scenario-types.js";
import { parseScenario } from "./validate-scenario.js";
import { bodiesFileIssues } from "./validate-targets.js";

/** The folder of shipped scenarios (`bench/scenarios`), the same from `src/` and `dist/`. */
export const SHIPPED_SCENARIO_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** A scenario and where it came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Absolute path of the file it was read from. */
  readonly file: string;
}

/** Reads and validates one scenario file (all problems reported at once). */
export async function readScenarioFile(file: string): Promise<LoadedScenario> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const code =
      (cause as NodeJS.ErrnoException).code === "ENOENT"
        ? "QS_SCENARIO_NOT_FOUND"
        : "QS_SCENARIO_UNREADABLE";
    throw new ScenarioError(code, `cannot read scenario file ${path}`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ScenarioError("QS_SCENARIO_UNREADABLE", `${path} is not JSON: ${String(cause)}`, {
      cause,
    });
  }
  const scenario = parseScenario(value, basename(path), dirname(path));
  // A malformed bodies file is bad input like a bad field: reported now (line numbers), not mid-run.
  const issues = await bodiesFileIssues(scenario);
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new ScenarioError("QS_SCENARIO_INVALID", `${basename(path)} is invalid: ${list}`, {
      issues,
    });
  }
  return { scenario, file: path };
}

/** Names of the shipped scenarios, sorted. */
export async function listShippedScenarios(dir = SHIPPED_SCENARIO_DIR): Promise<string[]> {
  const files = await readdir(dir);
  return files
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/**
 * Finds a scenario by shipped name (`steady`) or by file path (anything with a slash or a
 * `.json` suffix), reads it and validates it.
 */
export async function loadScenario(
  ref: string,
  dir = SHIPPED_SCENARIO_DIR,
): Promise<LoadedScenario> {
  if (ref.includes("/") || ref.includes("\\") || ref.endsWith(".json")) {
    return readScenarioFile(ref);
  }
  const names = await listShippedScenarios(dir);
  if (!names.includes(ref)) {
    throw new ScenarioError(
      "QS_SCENARIO_NOT_FOUND",
      `no scenario named "${ref}"; shipped: ${names.join(", ")} (or pass a path to a .json file)`,
    );
  }
  return readScenarioFile(resolve(dir, `${ref}.json`));
}
