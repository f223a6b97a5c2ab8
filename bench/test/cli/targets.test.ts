import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertResultDocument, type ResultDocument } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive } from "../lambda/helpers.js";
import { runCliProcess } from "./helpers/run-cli.js";

const ECHO_TARGET = fileURLToPath(new URL("../fixtures/echo-target.py", import.meta.url));

const base = {
  name: "own-target",
  description: "a service the harness did not build",
  load: { executor: "constant-arrival-rate", rate: 10, duration: 3 },
  warmup: { duration: 0, rate: 0 },
  architectures: "sync",
};

/** Starts the plain Python http.server fixture on a free loopback port. */
async function startEchoTarget(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn("python3", [ECHO_TARGET], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").once("data", (line: string) => resolve(Number(line.trim())));
    child.once("exit", (code) => reject(new Error(`echo target exited with ${code}`)));
  });
  return { child, port };
}

// Real processes: the built CLI against real HTTP services (Python), no mocks.
describe("bench with the scenario's own sync target", () => {
  let dir: string;
  let echo: { child: ChildProcess; port: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-targets-cli-"));
    echo = await startEchoTarget();
  });

  afterAll(async () => {
    echo?.child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  async function scenarioFile(name: string, extra: Record<string, unknown>): Promise<string> {
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify({ ...base, name, ...extra }));
    return file;
  }

  async function readResult(stdout: string): Promise<{ doc: ResultDocument; dir: string }> {
    const file = /^result: (.+)$/m.exec(stdout)?.[1] as string;
    const doc = assertResultDocument(JSON.parse(await readFile(file, "utf8")));
    return { doc, dir: join(file, "..") };
  }

  it("loads an HTTP service it did not start, with template bodies, and the report names it", async () => {
    // Prepare
    const url = `http://127.0.0.1:${echo.port}/predict`;
    const file = await scenarioFile("echo", {
      targets: { sync: { url } },
      bodies: { template: { customerId: "{{int:1:5000}}", ref: "r-{{index}}" } },
    });

    // Act
    const run = await runCliProcess(["--scenario", file, "--results-dir", dir]);

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const { doc, dir: runDir } = await readResult(run.stdout);
    const [sync] = doc.architectures;
    expect(sync?.counters.scheduled).toBe(30);
    expect(sync?.counters.statusCodes).toEqual({ "200": 30 });
    expect(sync?.settings.target).toMatchObject({
      kind: "url",
      url,
      runtime: expect.stringContaining("Python"), // http.server's `server` header
    });
    const seen = (await (await fetch(`http://127.0.0.1:${echo.port}/seen`)).json()) as {
      customerId: number;
      ref: string;
    }[];
    expect(seen).toHaveLength(30);
    expect(seen.map((b) => b.ref).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `r-${i}`).sort(),
    );
    expect(seen.every((b) => Number.isInteger(b.customerId))).toBe(true);
    const summary = await readFile(join(runDir, "summary.md"), "utf8");
    expect(summary).toContain(`Targets: sync: HTTP service at POST ${url}`);
  }, 90_000);

  it("fails when the start command never gets ready, names it with its output and stops it", async () => {
    // Prepare
    const pidFile = join(dir, "slow.pid");
    const script = `import os,time; open(${JSON.stringify(pidFile)},'w').write(str(os.getpid())); print('booting slowly', flush=True); time.sleep(60)`;
    const file = await scenarioFile("slow", {
      targets: {
        sync: {
          url: "http://127.0.0.1:9/predict",
          start: {
            command: ["python3", "-c", script],
            readiness: "http://127.0.0.1:9/health",
            timeoutMs: 1_500,
          },
        },
      },
    });

    // Act
    const run = await runCliProcess(["--scenario", file, "--no-report", "--results-dir", dir]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("sync target start command `python3 -c");
    expect(run.stderr).toContain("was not ready at http://127.0.0.1:9/health within 1500 ms");
    expect(run.stderr).toContain("booting slowly");
    const pid = Number(await readFile(pidFile, "utf8"));
    expect(isAlive(pid)).toBe(false);
  }, 60_000);

  it("fails at once when the start command exits, quoting what it said", async () => {
    // Prepare
    const file = await scenarioFile("crash", {
      targets: {
        sync: {
          url: "http://127.0.0.1:9/predict",
          start: {
            command: [
              "python3",
              "-c",
              "import sys; print('no model file', file=sys.stderr); sys.exit(3)",
            ],
            readiness: "http://127.0.0.1:9/health",
          },
        },
      },
    });

    // Act
    const run = await runCliProcess(["--scenario", file, "--no-report", "--results-dir", dir]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("exited (code 3) before http://127.0.0.1:9/health answered 2xx");
    expect(run.stderr).toContain("no model file");
  }, 60_000);

  it("fails at once, naming the URL, when a target it does not start is not there", async () => {
    // Prepare: a port that was just free (listen, read the port, close).
    const { createServer } = await import("node:net");
    const free = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => free.once("listening", r));
    const port = (free.address() as { port: number }).port;
    await new Promise((r) => free.close(r));
    const url = `http://127.0.0.1:${port}/predict`;
    const file = await scenarioFile("absent", { targets: { sync: { url } } });

    // Act
    const run = await runCliProcess(["--scenario", file, "--no-report", "--results-dir", dir]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`targets.sync.url ${url} does not answer HTTP (ECONNREFUSED)`);
  }, 60_000);

  it("refuses a non-loopback target without --allow-remote, naming the field (exit 2)", async () => {
    // Prepare
    const file = await scenarioFile("remote", { targets: { sync: { url: "http://10.1.2.3/p" } } });

    // Act
    const run = await runCliProcess(["--scenario", file, "--describe"]);
    const allowed = await runCliProcess(["--scenario", file, "--describe", "--allow-remote"]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("targets.sync.url: 10.1.2.3 is not loopback");
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it("refuses a malformed bodies file, naming the line (exit 2)", async () => {
    // Prepare
    await writeFile(join(dir, "bad.jsonl"), '{"a": 1}\n{"a": 2}\n{oops}\n');
    const file = await scenarioFile("badlines", { bodies: { file: "bad.jsonl" } });

    // Act
    const run = await runCliProcess(["--scenario", file, "--describe"]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bodies\.file: .*bad\.jsonl line 3: not JSON/);
  });
});
