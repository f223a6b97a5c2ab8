// Test set-up for the container target: a runtime and the images, made by the project's own
// scripts when missing (CI runs them first, so here they only check: about a second; after a
// code change rebuild with docker/build-images.sh, as CI does).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONTAINER_IMAGES, inspectImages } from "../../src/containers/images.js";
import { detectContainerRuntime, useContainerRuntime } from "../../src/containers/runtime-env.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Makes sure a runtime answers and `images` are built; sets testcontainers' environment. */
export async function ensureContainers(
  images: readonly string[] = Object.values(CONTAINER_IMAGES),
): Promise<void> {
  if ((await detectContainerRuntime()) === undefined) {
    execFileSync("sh", [`${ROOT}docker/setup-podman.sh`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  await useContainerRuntime();
  try {
    await inspectImages(images);
  } catch {
    execFileSync("sh", [`${ROOT}docker/build-images.sh`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}

/** The runtime's CLI, as the tests inspect and kill containers with it. */
export function runtimeCli(): string {
  return process.env.DOCKER_HOST?.includes("podman") ? "podman" : "docker";
}

/** Ids of containers carrying every `label=value`, stopped or not (`podman ps -a --filter`). */
export function containersLabelled(label: string, value: string, ...more: string[]): string[] {
  const filters = [`${label}=${value}`, ...more].flatMap((f) => ["--filter", `label=${f}`]);
  const out = execFileSync(runtimeCli(), ["ps", "-aq", ...filters], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.trim() !== "");
}
