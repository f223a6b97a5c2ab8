#!/usr/bin/env node
// npm run start:async — the whole local async stack for manual use: ElasticMQ, the enqueue API,
// and the local Lambda platform running the handler bundle. Prints the endpoints; Ctrl-C stops it.
// Flags: --memory MB, --batch-size N, --max-concurrency N, --keep-alive S, --broker auto|jvm|container,
// --broker-storage h2|memory. A broker that dies is restarted (bounded) and the log says so.
import "./quiet-sdk-notice.js";
import { parseArgs } from "node:util";
import {
  BROKER_DEFAULTS,
  type BrokerKindOption,
  BrokerKinds,
  type BrokerStorage,
  BrokerStorages,
} from "../broker/index.js";
import { SCENARIO_DEFAULTS } from "../scenario/index.js";
import { startAsyncStack } from "../stack/index.js";

// The same defaults as a scenario's async side (one table: SCENARIO_DEFAULTS).
const DEFAULTS = SCENARIO_DEFAULTS.async;

const { values } = parseArgs({
  options: {
    memory: { type: "string", default: String(DEFAULTS.memorySizeMB) },
    "batch-size": { type: "string", default: String(DEFAULTS.batchSize) },
    "max-concurrency": { type: "string", default: String(DEFAULTS.maxConcurrency) },
    "keep-alive": { type: "string", default: String(DEFAULTS.keepAliveSeconds) },
    broker: { type: "string", default: "auto" },
    "broker-storage": { type: "string", default: BROKER_DEFAULTS.storage },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    `usage: npm run start:async -- [--memory MB] [--batch-size N] [--max-concurrency N] [--keep-alive S] [--broker auto|jvm|container] [--broker-storage h2|memory]\n` +
      `defaults (SCENARIO_DEFAULTS.async): --memory ${DEFAULTS.memorySizeMB} --batch-size ${DEFAULTS.batchSize} --max-concurrency ${DEFAULTS.maxConcurrency} --keep-alive ${DEFAULTS.keepAliveSeconds}; function timeout ${DEFAULTS.functionTimeoutSeconds} s, visibility ${DEFAULTS.visibilityTimeoutSeconds} s, maxReceiveCount ${DEFAULTS.maxReceiveCount}\n`,
  );
  process.exit(0);
}

function int(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(
      `start:async: --${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}\n`,
    );
    process.exit(2);
  }
  return n;
}

const broker = values.broker as BrokerKindOption;
if (!(BrokerKinds as readonly string[]).includes(broker) || broker === "external") {
  process.stderr.write("start:async: --broker must be auto, jvm or container\n");
  process.exit(2);
}

const storage = values["broker-storage"] as BrokerStorage;
if (!BrokerStorages.includes(storage)) {
  process.stderr.write(`start:async: --broker-storage must be ${BrokerStorages.join(" or ")}\n`);
  process.exit(2);
}

const stack = await startAsyncStack({
  ...DEFAULTS,
  memorySizeMB: int("memory", values.memory, 128, 10_240),
  batchSize: int("batch-size", values["batch-size"], 1, 10_000),
  maxConcurrency: int("max-concurrency", values["max-concurrency"], 1, 1_000),
  keepAliveSeconds: int("keep-alive", values["keep-alive"], 0, 86_400),
  brokerKind: broker,
  brokerStorage: storage,
  log: (line) => process.stderr.write(`${line}\n`),
  onResult: (r) =>
    process.stdout.write(
      `${JSON.stringify({ event: "result", jobId: r.jobId, coldStart: r.result.coldStart, duplicate: r.duplicate })}\n`,
    ),
});
process.stdout.write(
  `${[
    "local async stack ready",
    `  enqueue API   POST ${stack.enqueueUrl}`,
    `  SQS endpoint  ${stack.broker.endpoint} (${stack.broker.kind}: ${stack.broker.reason})`,
    `  storage       ${stack.broker.storage?.file ?? stack.broker.storage?.kind ?? "external"}`,
    `  jobs queue    ${stack.queueUrls.jobs}`,
    `  results queue ${stack.queueUrls.results}`,
    `  DLQ           ${stack.queueUrls.dlq}`,
    `try: curl -s ${stack.enqueueUrl} -H 'content-type: application/json' -d '{"dataset":{"kind":"synthetic","size":1000,"seed":1}}'`,
    "Ctrl-C stops everything.",
  ].join("\n")}\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  process.stderr.write("stopping ...\n");
  stack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
