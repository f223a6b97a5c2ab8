import { startAsyncStack, startSyncStack } from "../stack/index.js";
import type { StackStarters } from "./run-types.js";

/** The real stacks: the built sync service, and broker + enqueue API + local Lambda platform. */
export const realStarters: StackStarters = Object.freeze({
  startSync: startSyncStack,
  startAsync: startAsyncStack,
});
