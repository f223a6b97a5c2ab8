import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = (name: string) =>
  fileURLToPath(new URL(`../../../scripts/${name}`, import.meta.url));

/**
 * Installs (once; the scripts are idempotent) AWS's runtime interface clients the tests run:
 * Node 22 + `aws-lambda-ric` and a venv with `awslambdaric`; points the platform at that venv.
 */
export function setUpRuntimeClients(): void {
  execFileSync(process.execPath, [script("setup-node-ric.mjs")], { stdio: "ignore" });
  const python = execFileSync(process.execPath, [script("setup-python-ric.mjs")], {
    encoding: "utf8",
  }).trim();
  process.env.QUEUESHIFT_PYTHON = python;
}

/** The folder of the test handlers for every runtime. */
export const RIC_FIXTURES = fileURLToPath(new URL("../fixtures/ric/", import.meta.url));
