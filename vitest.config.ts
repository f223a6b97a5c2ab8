import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import workspace packages from source, so `vitest` needs no build for unit tests.
// Integration tests that spawn processes run the built `dist/` (`npm test` builds first).
const src = (workspace: string) =>
  fileURLToPath(new URL(`./${workspace}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@queueshift/shared-model": src("shared-model"),
      "@queueshift/sqs-client": src("sqs-client"),
    },
  },
  test: {
    include: ["*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests start servers, brokers and worker processes: on 2 cores, running
    // every file at once makes timings meaningless and flakes; keep a small pool.
    maxWorkers: 2,
    reporters: ["default"],
    env: {
      // The lockfile pins an AWS SDK that supports Node 20 (see README); its reminder that later
      // releases need Node 22 is known and only clutters test output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  },
});
