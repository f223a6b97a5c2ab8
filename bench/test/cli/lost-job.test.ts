// A planted lost job: the real async stack runs the quick scenario, but one result is withheld
// from the run (as if it had never been published). The run must end `degraded`, name that job's
// id, and exit with the documented code 3; a count-based check could not tell.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertResultDocument } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCodes, HELP_TEXT, runCli } from "../../src/cli/index.js";
import type { StackStarters } from "../../src/run/index.js";
import { realStarters } from "../../src/run/stack-starters.js";

describe("a run that loses an accepted job", () => {
  let resultsDir: string;
  beforeAll(async () => {
    resultsDir = await mkdtemp(join(tmpdir(), "qs-lost-"));
  });
  afterAll(async () => {
    await rm(resultsDir, { recursive: true, force: true });
  });

  it("ends degraded with the lost job's id named, exit code 3", async () => {
    let withheld: string | undefined;
    const starters: StackStarters = {
      startSync: realStarters.startSync,
      startAsync: (options) =>
        realStarters.startAsync({
          ...options,
          onResult: (r) => {
            // The first measured-looking result vanishes between the queue and the run.
            if (withheld === undefined && !r.duplicate) {
              withheld = r.jobId;
              return;
            }
            options.onResult?.(r);
          },
        }),
    };
    const out: string[] = [];
    const code = await runCli(
      ["--quick", "--arch", "async", "--no-report", "--results-dir", resultsDir],
      {
        stdout: { write: (t: string) => out.push(t) },
        stderr: { write: () => true, isTTY: false },
        signal: new AbortController().signal,
        starters,
      },
    );

    expect(code).toBe(ExitCodes.degraded);
    expect(code).toBe(3);
    expect(HELP_TEXT).toMatch(/^\s+3\s+degraded/m);
    const file = /^result: (.+)$/m.exec(out.join(""))?.[1];
    const doc = assertResultDocument(JSON.parse(await readFile(file ?? "", "utf8")));
    expect(withheld).toBeDefined();
    expect(doc.outcome.status).toBe("degraded");
    expect(doc.outcome.lostJobIds).toEqual([withheld]);
    expect(doc.outcome.message).toContain(String(withheld));
    expect(doc.architectures[0]?.counters.lost).toBe(1);
  }, 120_000);
});
