import { ContainerError } from "./errors.js";

/**
 * The images the container target runs, as `docker/build-images.sh` tags them (local bases, no
 * registry). With a Docker engine, build the Dockerfiles under the same tags (docker/README.md).
 */
export const CONTAINER_IMAGES = Object.freeze({
  syncService: "localhost/queueshift-sync-service:latest",
  nginx: "localhost/queueshift-nginx:bookworm",
  enqueueApi: "localhost/queueshift-enqueue-api:latest",
  lambda: "localhost/queueshift-lambda:latest",
  elasticmq: "localhost/queueshift-elasticmq:1.7.1",
});

/** One image as the result records it. */
export interface ImageInfo {
  readonly name: string;
  readonly id: string;
  readonly sizeBytes: number;
}

/**
 * Inspects `names` in the local image store; throws `QS_CONTAINER_IMAGE_MISSING` naming every
 * image that is absent and the script that builds them (nothing is pulled: a run must not
 * depend on a registry).
 */
export async function inspectImages(names: readonly string[]): Promise<ImageInfo[]> {
  const { getContainerRuntimeClient, ImageName } = await import("testcontainers");
  const client = await getContainerRuntimeClient();
  const found: ImageInfo[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const image = ImageName.fromString(name);
    if (!(await client.image.exists(image))) {
      missing.push(name);
      continue;
    }
    const info = await client.image.inspect(image);
    found.push({ name, id: info.Id, sizeBytes: info.Size });
  }
  if (missing.length > 0) {
    throw new ContainerError(
      "QS_CONTAINER_IMAGE_MISSING",
      `image(s) not built: ${missing.join(", ")}; run \`sh docker/build-images.sh\``,
    );
  }
  return found;
}
