import { readFile } from "node:fs/promises";
import type { FieldIssue } from "@queueshift/shared-model";
import { compileTemplate } from "./body-template.js";
import { LoadError } from "./errors.js";
import { hashUniform } from "./prng.js";
import type { Arrival } from "./schedule.js";
import type { BodyChooser } from "./workload-mix.js";

/** Request bodies for a run: the body of each arrival, and the one a fixed-body executor sends. */
export interface BodySource {
  readonly bodyFor: BodyChooser;
  /** The body of arrival 0 (autocannon sends one fixed body). */
  readonly first: string;
}

/** The bodies of a JSON Lines text (blank lines skipped) and the problems, by 1-based line. */
export function parseJsonLines(text: string): { bodies: string[]; issues: FieldIssue[] } {
  const bodies: string[] = [];
  const issues: FieldIssue[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    try {
      // Re-serialised so every body is compact JSON whatever the file's spacing.
      bodies.push(JSON.stringify(JSON.parse(line)));
    } catch (err) {
      issues.push({ path: `line ${i + 1}`, message: `not JSON (${(err as Error).message})` });
    }
  });
  if (bodies.length === 0 && issues.length === 0) {
    issues.push({ path: "(file)", message: "holds no JSON line" });
  }
  return { bodies, issues };
}

/**
 * Bodies from a list: `cycle` takes line (index mod n), `sample` draws a line from
 * (seed, arrival index), so both designs get the same sequence either way.
 */
export function listBodies(
  bodies: readonly string[],
  order: "cycle" | "sample",
  seed: number,
): BodySource {
  const n = bodies.length;
  const pick =
    order === "cycle"
      ? (arrival: Arrival) => bodies[arrival.index % n] as string
      : (arrival: Arrival) => bodies[Math.floor(hashUniform(seed, arrival.index) * n)] as string;
  return { bodyFor: pick, first: bodies[0] as string };
}

/** Reads a JSON Lines file into a body source; a malformed line throws, naming its number. */
export async function readJsonLinesBodies(
  file: string,
  order: "cycle" | "sample",
  seed: number,
): Promise<BodySource> {
  const { bodies, issues } = parseJsonLines(await readFile(file, "utf8"));
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new LoadError("QS_LOAD_INVALID_OPTIONS", `bodies file ${file}: ${list}`, { issues });
  }
  return listBodies(bodies, order, seed);
}

/** Bodies from a template with seeded fields (syntax in body-template.ts). */
export function templateBodies(template: unknown, seed: number): BodySource {
  const build = compileTemplate(template, seed);
  return { bodyFor: (arrival) => build(arrival.index), first: build(0) };
}
