import { LOCAL_CREDENTIALS, type StartedBroker } from "../broker/index.js";
import type { AsyncFrontDoorTarget } from "../scenario/validate-async-target.js";
import type { AsyncStackOptions, AsyncStackSettings } from "./async-stack.js";
import { type AsyncQueueUrls, startEnqueueApi } from "./async-stack-parts.js";
import { HTTP_TARGET_ROLES, startHttpTarget } from "./http-target.js";
import type { StackProcess } from "./stack-process.js";

/** The stack's front door: the built-in enqueue API, or the user's own service. */
export interface StartedFrontDoor {
  /** Where the load sends each arrival. */
  readonly enqueueUrl: string;
  processes(): StackProcess[];
  stop(): Promise<void>;
}

/**
 * What the user's front door gets in its environment (README, "Your own front door"): the jobs
 * queue to SendMessage to, the endpoint the AWS SDKs read for SQS (`AWS_ENDPOINT_URL_SQS`), the
 * region, and, for a local broker that checks none, a dummy key pair so SDKs can sign.
 */
export function frontDoorEnv(
  s: AsyncStackSettings,
  broker: StartedBroker,
  urls: AsyncQueueUrls,
): Record<string, string> {
  return {
    QUEUESHIFT_JOBS_QUEUE_URL: urls.jobs,
    QUEUESHIFT_MAX_MESSAGE_BYTES: String(s.maxMessageBytes),
    AWS_ENDPOINT_URL_SQS: broker.endpoint,
    AWS_REGION: broker.region,
    AWS_DEFAULT_REGION: broker.region,
    // An external endpoint (real SQS) signs with the caller's own credentials from the environment.
    ...(broker.kind === "external"
      ? {}
      : {
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        }),
  };
}

/** Starts the scenario's front door (`options.frontDoor`) or the built-in enqueue API. */
export async function startFrontDoor(
  s: AsyncStackSettings,
  options: AsyncStackOptions,
  broker: StartedBroker,
  urls: AsyncQueueUrls,
): Promise<StartedFrontDoor> {
  const own: AsyncFrontDoorTarget | undefined = options.frontDoor;
  if (own === undefined) {
    const api = await (options.startEnqueueApi ?? startEnqueueApi)(s, options, broker, urls);
    return {
      enqueueUrl: `${String(api.listening.url)}/v1/jobs`,
      processes: () => (api.pid > 0 ? [{ component: "enqueue-api", pid: api.pid }] : []),
      stop: () => api.stop(),
    };
  }
  const started = await startHttpTarget(
    { url: own.enqueueUrl, start: own.start },
    {
      role: HTTP_TARGET_ROLES.frontDoor,
      env: frontDoorEnv(s, broker, urls),
      ...(options.log ? { log: options.log } : {}),
    },
  );
  return { enqueueUrl: own.enqueueUrl, processes: started.processes, stop: started.stop };
}
