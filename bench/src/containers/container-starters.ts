import type { StackStarters } from "../run/run-types.js";
import { startAsyncStack, workersPerTask } from "../stack/index.js";
import { containerAsyncOptions } from "./async-containers.js";
import { startContainerSyncStack } from "./sync-containers.js";

/**
 * The stacks of `--target containers`: sync = one sync-service container per Fargate task
 * (`--cpus` of its vCPU, `--memory` of its smallest valid size) behind nginx; async = the
 * container broker and the enqueue API container in front of the local platform.
 */
export const containerStarters: StackStarters = Object.freeze<StackStarters>({
  async startSync(options) {
    const vcpu = options.task?.vcpu ?? 1;
    const perTask = workersPerTask(vcpu);
    return startContainerSyncStack({
      tasks: Math.ceil(options.workers / perTask),
      taskVcpu: vcpu,
      workersPerTask: perTask,
      ...(options.log ? { log: options.log } : {}),
    });
  },
  startAsync: (options) => startAsyncStack({ ...options, ...containerAsyncOptions() }),
});
