import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertResultDocument } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readScenarioFile } from "../../src/scenario/index.js";
import { startHttpTarget } from "../../src/stack/http-target.js";
import { runCliProcess } from "../cli/helpers/run-cli.js";
import { isAlive } from "../lambda/helpers.js";
import { ensureScilearnVenv, SCILEARN_DIR } from "./scilearn-venv.js";

const SCENARIO = join(SCILEARN_DIR, "scenario.json");

// Real processes: the example's uvicorn service, started by the harness from its scenario.
describe("examples/scilearn, sync design", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-scilearn-"));
    await ensureScilearnVenv();
  }, 600_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("serves /predict, answers bad input with 400 and a code, and is stopped by the harness", async () => {
    // Prepare
    const { scenario } = await readScenarioFile(SCENARIO);
    const target = scenario.targets?.sync;
    if (target === undefined) throw new Error("the scilearn scenario names no sync target");

    // Act
    const started = await startHttpTarget(target);
    const post = (body: string) =>
      fetch(target.url, { method: "POST", headers: target.headers, body });
    let good: Response;
    let bad: Response;
    let pid: number;
    try {
      good = await post('{"synthetic":{"size":20,"seed":1}}');
      bad = await post('{"customers":[{"recencyDays":"soon","frequency":1,"monetary":1}]}');
      pid = started.processes()[0]?.pid ?? -1;
    } finally {
      await started.stop();
    }

    // Assess
    expect(started.server).toBe("uvicorn");
    expect(good.status).toBe(200);
    expect(((await good.json()) as { customers: number }).customers).toBe(20);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: "SCILEARN_INVALID_REQUEST",
        field: "customers[0].recencyDays",
        message: "customers[0].recencyDays: must be a finite number",
      },
    });
    expect(isAlive(pid)).toBe(false);
  }, 180_000);

  it("bench --quick --arch sync measures the scikit-learn service and its report names it", async () => {
    // Act
    const run = await runCliProcess(
      ["--scenario", SCENARIO, "--quick", "--arch", "sync", "--results-dir", dir],
      240_000,
    );

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const file = /^result: (.+)$/m.exec(run.stdout)?.[1] as string;
    const doc = assertResultDocument(JSON.parse(await readFile(file, "utf8")));
    const [sync] = doc.architectures;
    expect(sync?.counters.scheduled).toBe(80); // 10/s for the quick cut's 8 s
    expect(sync?.counters.statusCodes).toEqual({ "200": 80 });
    expect(sync?.settings.target).toMatchObject({ kind: "command", runtime: "uvicorn (python)" });
    expect(sync?.resources.map((r) => r.component)).toContain("sync-target");
    const summary = await readFile(join(file, "..", "summary.md"), "utf8");
    expect(summary).toContain("Targets: sync: command `.venv/bin/python -m uvicorn app:app");
  }, 300_000);
});
