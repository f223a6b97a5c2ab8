#!/usr/bin/env node
// `npm run start:async-api`: the enqueue API alone. QUEUE_URL/--queue-url and SQS_ENDPOINT/--endpoint.
import { buildEnqueueApp } from "./app.js";
import { ConfigError, loadEnqueueConfig } from "./config.js";
import { SqsJobQueue } from "./job-queue.js";

async function main(): Promise<number> {
  const config = loadEnqueueConfig(process.env, process.argv.slice(2));
  const queue = new SqsJobQueue(config.queueUrl, config);
  const app = buildEnqueueApp(config, { queue });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  process.stdout.write(
    `${JSON.stringify({ event: "listening", url: `http://${config.host}:${port}`, queueUrl: config.queueUrl })}\n`,
  );
  return new Promise((resolve) => {
    const stop = () => {
      app.close().then(
        () => {
          queue.close();
          resolve(0);
        },
        () => resolve(1),
      );
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message =
      err instanceof ConfigError ? `configuration error: ${err.message}` : String(err);
    process.stderr.write(`enqueue-api: ${message}\n`);
    process.exit(
      err instanceof ConfigError ||
        (err as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? 2
        : 1,
    );
  },
);
