#!/usr/bin/env node
// npm run bench:handler-init — the handler bundle's size and its cold start (spawn -> handler
// ready, median of N) in the local execution environment, next to the same environment loading
// an empty handler (the floor: Node's own start plus the runtime shim). Not a test: it prints.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CONTAINER_IMAGES, inspectImages } from "../containers/images.js";
import { lambdaContainerLauncher } from "../containers/lambda-containers.js";
import { useContainerRuntime } from "../containers/runtime-env.js";
import {
  type EnvironmentLauncher,
  ExecutionEnvironment,
  resolveFunctionConfig,
} from "../lambda/index.js";
import { ARTEFACTS, requireArtefact } from "../stack/index.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "10" }, json: { type: "boolean", default: false } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  process.stderr.write("bench:handler-init: --runs must be an integer from 1 to 100\n");
  process.exit(2);
}

async function coldStarts(handlerPath: string, launcher?: EnvironmentLauncher): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const env = await ExecutionEnvironment.start({
      ...(launcher === undefined ? {} : { launcher }),
      config: resolveFunctionConfig({
        handlerPath,
        memorySizeMB: 1769,
        // The handler's init only reads these; nothing is contacted before the first invocation.
        environment: {
          RESULTS_QUEUE_URL: "http://127.0.0.1:9/000000000000/results",
          SQS_ENDPOINT: "http://127.0.0.1:9",
        },
      }),
    });
    out.push(env.initDurationMs);
    await env.kill();
  }
  return out.sort((a, b) => a - b);
}

function nodeAlone(): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

/** The Lambda image's cold start (container run -> first `next`), or why it was not measured. */
async function containerColdStarts(bundle: string): Promise<number[] | string> {
  try {
    await useContainerRuntime();
    await inspectImages([CONTAINER_IMAGES.lambda]);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return coldStarts(bundle, lambdaContainerLauncher());
}

const median = (xs: number[]) => xs[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(1)} ms (min ${xs[0]?.toFixed(1)}, max ${xs.at(-1)?.toFixed(1)})`;

async function main(): Promise<void> {
  const bundle = requireArtefact(ARTEFACTS.handlerBundle);
  const { size } = await stat(bundle);
  const dir = await mkdtemp(join(tmpdir(), "qs-empty-handler-"));
  const empty = join(dir, "empty.mjs");
  await writeFile(empty, "export const handler = async () => ({ batchItemFailures: [] });\n");
  try {
    const node = nodeAlone();
    const floor = await coldStarts(empty);
    const real = await coldStarts(bundle);
    const container = await containerColdStarts(bundle);
    const summary = {
      runs,
      bundleBytes: size,
      nodeAloneMs: median(node),
      emptyHandlerColdStartMs: median(floor),
      handlerColdStartMs: median(real),
      handlerColdStartMinMs: real[0],
      handlerColdStartMaxMs: real.at(-1),
      ...(typeof container === "string"
        ? { containerSkipped: container }
        : { containerColdStartMs: median(container) }),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    process.stdout.write(
      `${[
        `handler bundle          ${bundle} (${(size / 1024).toFixed(0)} KiB)`,
        `node alone (-e 0)       ${fmt(node)}`,
        `empty handler cold      ${fmt(floor)}  (runtime shim floor)`,
        `handler cold start      ${fmt(real)}  (spawn -> handler ready; goal <= 150 ms)`,
        typeof container === "string"
          ? `container cold start    not measured: ${container}`
          : `container cold start    ${fmt(container)}  (${CONTAINER_IMAGES.lambda}: run -> first next)`,
        `runs                    ${runs}`,
      ].join("\n")}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:handler-init failed: ${String(err)}\n`);
  process.exit(1);
});
