#!/usr/bin/env node
// `npm run start:async-api`: the enqueue API alone. QUEUE_URL/--queue-url and SQS_ENDPOINT/--endpoint.
import { ConfigError, type EnqueueApiConfig, loadEnqueueConfig } from "./config.js";
import { isLoopback, type JobQueue, SqsJobQueue } from "./job-queue.js";
import { LeanSqsJobQueue } from "./lean-job-queue.js";
import { startEnqueueApi } from "./server.js";

async function main(): Promise<number> {
  const config = loadEnqueueConfig(process.env, process.argv.slice(2));
  const queue = await openQueue(config);
  const api = await startEnqueueApi(config, { queue });
  process.stdout.write(
    `${JSON.stringify({ event: "listening", url: api.url, host: api.host, port: api.port, queueUrl: config.queueUrl })}\n`,
  );
  return new Promise((resolve) => {
    const stop = () => {
      api.shutdown().then(
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

/**
 * The lean client when it has what it needs (a loopback broker, or credentials in the
 * environment as on Lambda/ECS with env credentials); otherwise the SDK and its full credential chain.
 */
async function openQueue(config: EnqueueApiConfig): Promise<JobQueue & { close(): void }> {
  const env = process.env;
  if (isLoopback(config.endpoint) || (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)) {
    return LeanSqsJobQueue.create({
      queueUrl: config.queueUrl,
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
            },
          }
        : {}),
    });
  }
  return new SqsJobQueue(config.queueUrl, config);
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
