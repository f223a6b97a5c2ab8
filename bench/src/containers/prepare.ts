import type { ResultDocument } from "@queueshift/shared-model";
import type { StackStarters } from "../run/run-types.js";
import { containerStarters } from "./container-starters.js";
import { CONTAINER_IMAGES, inspectImages } from "./images.js";
import { useContainerRuntime } from "./runtime-env.js";

/** The starters of `--target containers` and what the result records about them. */
export interface ContainerTarget {
  readonly starters: StackStarters;
  readonly deployment: NonNullable<ResultDocument["deployment"]>;
  readonly runtime: string;
}

/**
 * Checks, before anything starts, that a runtime answers and every image is built; throws
 * `QS_CONTAINER_NO_RUNTIME` (naming docker/setup-podman.sh) or `QS_CONTAINER_IMAGE_MISSING`.
 */
export async function prepareContainerTarget(): Promise<ContainerTarget> {
  const runtime = await useContainerRuntime();
  const images = await inspectImages(Object.values(CONTAINER_IMAGES));
  return {
    starters: containerStarters,
    deployment: { target: "containers", images },
    runtime: runtime.location,
  };
}
