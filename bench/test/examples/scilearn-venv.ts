import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The worked example's folder (examples/scilearn). */
export const SCILEARN_DIR = fileURLToPath(new URL("../../../examples/scilearn/", import.meta.url));

/** The example's Python, inside the venv its set-up script makes. */
export const SCILEARN_PYTHON = join(SCILEARN_DIR, ".venv", "bin", "python");

/** Runs the example's idempotent set-up (seconds when the venv is current, minutes on first use). */
export async function ensureScilearnVenv(): Promise<void> {
  await promisify(execFile)(join(SCILEARN_DIR, "setup.sh"), [], { timeout: 600_000 });
}
