import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/** The container target's codes; codes are never reused. */
export const ContainerErrorCodes = defineErrorCatalogue({
  QS_CONTAINER_NO_RUNTIME: {
    meaning: "`--target containers` needs a Docker-compatible container runtime and none answered.",
    fix: "Run `sudo sh docker/setup-podman.sh` (rootful podman) or start Docker, then retry.",
  },
  QS_CONTAINER_IMAGE_MISSING: {
    meaning: "An image the container target runs is not in the local image store.",
    fix: "Build them: `sh docker/build-images.sh` (local bases, no registry needed).",
  },
  QS_CONTAINER_START_FAILED: {
    meaning: "A container of the target did not start or did not become ready in time.",
    fix: "Read the container's output tail in the message.",
  },
});

/** A container target error; the CLI maps QS_CONTAINER_NO_RUNTIME and _IMAGE_MISSING to exit 2. */
export class ContainerError extends QueueshiftError<keyof typeof ContainerErrorCodes> {
  override readonly name: string = "ContainerError";
}
