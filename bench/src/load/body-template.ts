import type { FieldIssue } from "@queueshift/shared-model";
import { hashUniform } from "./prng.js";

/**
 * Template syntax: any string leaf of the JSON template may hold `{{...}}` fields, drawn per
 * arrival from (seed, arrival index, field number), so both designs get the same bodies:
 * - `{{int:MIN:MAX}}`: an integer in [MIN, MAX];
 * - `{{float:MIN:MAX}}`: a number in [MIN, MAX), 3 decimals;
 * - `{{pick:a|b|c}}`: one of the listed strings;
 * - `{{index}}`: the arrival's index (0, 1, 2, ...).
 * A string that is exactly one field becomes that field's value (a number for int, float and
 * index); a field inside a longer string is written into it (`"c-{{int:1:9}}"` -> `"c-4"`).
 */
const FIELD = /\{\{([^{}]*)\}\}/g;
const WHOLE = /^\{\{([^{}]*)\}\}$/;

type Draw = (u: number, index: number) => number | string;

function parseField(spec: string): Draw | string {
  const [kind, ...args] = spec.split(":");
  if (kind === "index" && args.length === 0) return (_u, index) => index;
  if (kind === "pick") {
    const options = args.join(":").split("|");
    if (options.length === 0 || options.some((o) => o === "")) return "pick needs a|b|c";
    return (u) => options[Math.min(options.length - 1, Math.floor(u * options.length))] as string;
  }
  if (kind === "int" || kind === "float") {
    const [min, max] = args.map(Number);
    if (
      args.length !== 2 ||
      !Number.isFinite(min) ||
      !Number.isFinite(max) ||
      (min as number) > (max as number)
    ) {
      return `${kind} needs {{${kind}:MIN:MAX}} with MIN <= MAX`;
    }
    const lo = min as number;
    const hi = max as number;
    if (kind === "float") return (u) => Math.round((lo + u * (hi - lo)) * 1_000) / 1_000;
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) return "int bounds must be integers";
    return (u) => lo + Math.floor(u * (hi - lo + 1));
  }
  return `unknown field {{${spec}}}: use int, float, pick or index`;
}

/** Every malformed field of a template, with its path under `at` (empty when valid). */
export function templateIssues(template: unknown, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  walk(template, at, (text, path) => {
    for (const m of text.matchAll(FIELD)) {
      const parsed = parseField(m[1] as string);
      if (typeof parsed === "string") issues.push({ path, message: parsed });
    }
  });
  return issues;
}

function walk(value: unknown, path: string, onString: (text: string, path: string) => void): void {
  if (typeof value === "string") onString(value, path);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, onString);
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, onString);
  }
}

type Build = (index: number) => unknown;

function compileString(text: string, seed: number, next: () => number): Build {
  const whole = WHOLE.exec(text);
  if (whole) {
    const draw = parseField(whole[1] as string) as Draw;
    const fieldSeed = fieldSeedOf(seed, next());
    return (index) => draw(hashUniform(fieldSeed, index), index);
  }
  const parts = text.split(FIELD);
  if (parts.length === 1) return () => text;
  // split() with a capture group alternates literal text and field specs.
  const pieces = parts.map((p, i) => {
    if (i % 2 === 0) return () => p;
    const draw = parseField(p) as Draw;
    const fieldSeed = fieldSeedOf(seed, next());
    return (index: number) => String(draw(hashUniform(fieldSeed, index), index));
  });
  return (index) => pieces.map((piece) => piece(index)).join("");
}

// Each field draws its own stream, so adding a field does not change the others' values.
function fieldSeedOf(seed: number, field: number): number {
  return (seed + Math.imul(field + 1, 0x27d4eb2d)) >>> 0;
}

function compile(value: unknown, seed: number, next: () => number): Build {
  if (typeof value === "string") return compileString(value, seed, next);
  if (Array.isArray(value)) {
    const items = value.map((v) => compile(v, seed, next));
    return (index) => items.map((item) => item(index));
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, compile(v, seed, next)] as const);
    return (index) => Object.fromEntries(entries.map(([k, build]) => [k, build(index)]));
  }
  return () => value;
}

/** Compiles a valid template (see `templateIssues`) into the JSON text of arrival `index`. */
export function compileTemplate(template: unknown, seed: number): (index: number) => string {
  let fields = 0;
  const build = compile(template, seed, () => fields++);
  return (index) => JSON.stringify(build(index));
}
