// `report` with a traffic profile projects the run at it (real projection engine, real files,
// the built CLI): projection.json beside the run, the advice's first lines say so, the HTML draws
// "At your scale"; bad traffic input exits 2 naming the field.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureResult } from "../fixtures/result-fixture.js";

const report = fileURLToPath(new URL("../../dist/bin/report.js", import.meta.url));
const run = (args: string[]) =>
  spawnSync(process.execPath, [report, ...args], { encoding: "utf8", timeout: 120_000 });

let dir: string;
const fresh = (name: string) => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, "result.json"), JSON.stringify(fixtureResult({ runId: name })));
  return d;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qs-reports-at-scale-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("report at your scale", () => {
  it("projects the run at --volume/--shape and bases the advice on it, saying so first", () => {
    const d = fresh("profiled");
    const r = run([d, "--volume", "5M", "--shape", "spiky"]);
    expect(r.status, r.stderr).toBe(0);
    const projection = JSON.parse(readFileSync(join(d, "projection.json"), "utf8"));
    expect(projection.origin).toBe("projection");
    expect(projection.projection.monthlyRequests).toBeCloseTo(5e6, -3);
    const md = readFileSync(join(d, "summary.md"), "utf8").split("\n");
    expect(md.slice(0, 3).join("\n")).toContain("at your scale: projected from the run");
    expect(md.find((l) => l.startsWith("- "))).toMatch(
      /^- At your scale: this advice uses the projection of spiky/,
    );
    const html = readFileSync(join(d, "report.html"), "utf8");
    expect(html).toContain("At your scale (projection)");
  }, 120_000);

  it("draws a projection.json beside the run without a profile, advice from the run", () => {
    const d = fresh("beside");
    expect(run([d, "--volume", "2M", "--shape", "steady"]).status).toBe(0);
    const r = run([d]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(d, "report.html"), "utf8")).toContain("At your scale (projection)");
    expect(readFileSync(join(d, "summary.md"), "utf8")).not.toContain(
      "this advice uses the projection",
    );
  }, 120_000);

  it("exits 2 naming the field for a malformed rate file, a burst without a profile, a non-projection", () => {
    const d = fresh("bad");
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, "minute,rate\n0,5\n1,-3\n");
    const badCsv = run([d, "--rate-file", csv]);
    expect(badCsv.status).toBe(2);
    expect(badCsv.stderr).toMatch(/QS_PROJECTION_INVALID_INPUT: rate-file/);
    const burst = run([d, "--burst", "10x for 5 min at 14:00"]);
    expect(burst.status).toBe(2);
    expect(burst.stderr).toContain("--burst: needs a traffic profile");
    const notProjection = run([d, "--projection", join(d, "result.json")]);
    expect(notProjection.status).toBe(2);
    expect(notProjection.stderr).toContain("not projection");
    expect(existsSync(join(d, "projection.json"))).toBe(false);
  }, 120_000);
});
