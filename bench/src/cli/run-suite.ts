import { join } from "node:path";
import { ExitCodes, type SuiteRun } from "@queueshift/shared-model";
import type { ContainerTarget } from "../containers/prepare.js";
import { REPO_ROOT_DIR } from "../run/machine-info.js";
import { runScenario, type ScenarioRunResult } from "../run/run-scenario.js";
import { describeScenario } from "../scenario/describe-scenario.js";
import type { Scenario } from "../scenario/scenario-types.js";
import { createSuiteFolder, suiteRunEntry, writeSuiteManifest } from "../suite/suite-folder.js";
import { type PlannedRun, planSuite } from "../suite/suite-plan.js";
import type { CliIo } from "./main.js";
import type { CliOptions } from "./parse-args.js";
import { ProgressPrinter } from "./progress-line.js";
import { type ReportOutcome, runBuiltScript, runReport } from "./report-child.js";
import { prepareResultsDir } from "./results-dir.js";

const SUITE_REPORT = ["reports", "dist", "bin", "suite-report.js"];
const PROJECTION = ["projection", "dist", "cli", "main.js"];
// The reports' default profile (reports/src/advice/profile.ts, PROFILE_DEFAULTS): the harness
// never imports reports, so the projection is asked for it by flags.
const DEFAULT_PROFILE_FLAGS = ["--volume", "10000000", "--shape", "diurnal"];

// The worst status wins: failed > degraded > interrupted > ok (as before suites existed).
function nextCode(code: number, run: ScenarioRunResult): number {
  if (run.status === "failed") return ExitCodes.failed;
  if (run.status === "degraded" && code === ExitCodes.ok) return ExitCodes.degraded;
  if (run.status === "interrupted" && code === ExitCodes.ok) return ExitCodes.interrupted;
  return code;
}

function runLabel(p: PlannedRun, repeats: number): string {
  if (p.kind === "memory") return `memory sweep ${p.memorySizeMB} MB`;
  if (p.kind === "task") return `task sweep ${p.taskVcpu} vCPU`;
  return repeats > 1 ? `repeat ${p.repeat}/${repeats}, ${p.order.join(" then ")}` : "";
}

function childFailure(what: string, r: ReportOutcome): string | null {
  if (!r.ran || r.exitCode === 0) return null;
  return `bench: ${what} failed (exit ${r.exitCode}): ${r.stderr.trim()}`;
}

/** A projection that ran (file written, stdout its summary) or the line saying why it failed. */
type Projected = { file: string; runId: string; stdout: string } | { error: string | null };

// The projection of the default profile, from the first completed comparison run.
async function project(
  runs: readonly SuiteRun[],
  dirs: ReadonlyMap<string, string>,
): Promise<Projected | null> {
  const source = runs.find((r) => r.kind === "compare" && r.status === "completed");
  const dir = source === undefined ? undefined : dirs.get(source.runId);
  if (source === undefined || dir === undefined) return null;
  const out = await runBuiltScript(REPO_ROOT_DIR, PROJECTION, [dir, ...DEFAULT_PROFILE_FLAGS]);
  if (!out.ran || out.exitCode !== 0) return { error: childFailure("the projection", out) };
  return { file: join(dir, "projection.json"), runId: source.runId, stdout: out.stdout };
}

/** What every run of the suite shares. */
interface SuiteContext {
  readonly o: CliOptions;
  readonly io: CliIo;
  readonly printer: ProgressPrinter;
  readonly resultsDir: string;
  /** The prepared container target, when a scenario runs on containers. */
  readonly containers: ContainerTarget | undefined;
  /** Where the cgroup hierarchy is mounted (QUEUESHIFT_CGROUP_ROOT), else /sys/fs/cgroup. */
  readonly cgroupRoot?: string;
}

function logFailure(printer: ProgressPrinter, what: string, r: ReportOutcome): void {
  const line = childFailure(what, r);
  if (line !== null) printer.log(line);
}

// One planned run: measured, its result and report written, its outcome logged.
async function runPlanned(p: PlannedRun, c: SuiteContext): Promise<ScenarioRunResult> {
  const { io, printer } = c;
  const label = runLabel(p, c.o.repeat);
  printer.log(
    `bench: ${label === "" ? "" : `[${label}] `}${describeScenario(p.scenario, p.order)}`,
  );
  const run = await runScenario({
    scenario: p.scenario,
    resultsDir: c.resultsDir,
    signal: io.signal,
    order: p.order,
    ...(c.cgroupRoot === undefined ? {} : { cgroupRoot: c.cgroupRoot }),
    log: printer.log,
    onProgress: printer.update,
    ...(c.o.allowRemote ? { allowRemote: true } : {}),
    ...(io.starters ? { starters: io.starters } : {}),
    ...(p.scenario.target === "containers" && c.containers !== undefined
      ? { starters: c.containers.starters, deployment: c.containers.deployment }
      : {}),
  });
  printer.clear();
  if (run.error !== undefined)
    printer.log(`bench: ${p.scenario.name} failed: ${String(run.error)}`);
  io.stdout.write(`result: ${run.written.file}\n`);
  if (run.status === "degraded")
    printer.log(`bench: ${p.scenario.name} degraded: ${run.document.outcome.message ?? ""}`);
  if (c.o.report && run.status !== "interrupted") {
    const report = await runReport(REPO_ROOT_DIR, run.written.dir);
    if (report.ran && report.exitCode === 0) io.stdout.write(report.stdout);
    else logFailure(printer, "the report", report);
  }
  return run;
}

/**
 * Runs every planned run of the suite in turn (each its own result and report), then writes the
 * suite folder: `suite.json`, the projection of the default profile and the suite report, whose
 * path is printed last. Resolves to the exit code.
 */
export async function runSuite(
  o: CliOptions,
  scenarios: Scenario[],
  io: CliIo,
  containers?: ContainerTarget,
): Promise<number> {
  const resultsDir = await prepareResultsDir(o.resultsDir ?? join(REPO_ROOT_DIR, "results"));
  const printer = new ProgressPrinter(io.stderr);
  const startedAt = new Date();
  const runs: SuiteRun[] = [];
  const dirs = new Map<string, string>();
  const folder = await createSuiteFolder(resultsDir, startedAt);
  // An empty value means the default, as for HOST; a wrong one only costs the quotas (reported).
  const cgroupRoot = process.env.QUEUESHIFT_CGROUP_ROOT || undefined;
  let code: number = ExitCodes.ok;
  for (const p of planSuite(scenarios, o)) {
    if (io.signal.aborted) break;
    const run = await runPlanned(p, {
      o,
      io,
      printer,
      resultsDir,
      containers,
      ...(cgroupRoot === undefined ? {} : { cgroupRoot }),
    });
    code = nextCode(code, run);
    const { scenario: _s, ...entry } = p;
    const { runId, file, dir } = run.written;
    runs.push(
      suiteRunEntry(
        folder,
        { ...entry, scenario: p.scenario.name, runId, status: run.status },
        file,
      ),
    );
    dirs.set(runId, dir);
  }
  const projected = o.report && !io.signal.aborted ? await project(runs, dirs) : null;
  const projection = projected !== null && "file" in projected ? projected : null;
  if (projected !== null && "error" in projected && projected.error) printer.log(projected.error);
  const { quick, repeat, memorySweep, taskSweep } = o;
  const manifest = await writeSuiteManifest(folder, resultsDir, runs, {
    startedAt,
    options: { quick, repeat, memorySweep, taskSweep },
    projectionFile: projection,
  });
  if (projection !== null) io.stdout.write(projection.stdout);
  io.stdout.write(`suite: ${manifest}\n`);
  if (o.report) {
    const suite = await runBuiltScript(REPO_ROOT_DIR, SUITE_REPORT, [folder.dir]);
    if (suite.ran && suite.exitCode === 0) io.stdout.write(suite.stdout);
    else logFailure(printer, "the suite report", suite);
  }
  return code;
}
