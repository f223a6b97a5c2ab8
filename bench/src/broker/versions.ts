/**
 * The one place that pins what ElasticMQ we run. Tests and the result document read these.
 * 1.6.16 is the floor for current @aws-sdk/client-sqs (DESIGN.md "Brokers"); 1.7.1 was the
 * newest release on Maven Central when this was written (maven-metadata.xml, checked 2026-11).
 */
export const ELASTICMQ_VERSION = "1.7.1";

/** Maven coordinates of the standalone server (main class `org.elasticmq.server.Main`). */
export const ELASTICMQ_MAVEN = {
  groupId: "org.elasticmq",
  artifactId: "elasticmq-server_2.13",
  mainClass: "org.elasticmq.server.Main",
} as const;

/**
 * Pinned so a first resolve behaves the same on every machine; 3.8.1 needs Maven >= 3.6.3,
 * while the newest plugin releases want Maven 3.9 which Debian 12 does not ship.
 */
export const MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

/** The GraalVM-native image of an ElasticMQ release (tags follow the release numbers). */
export function elasticMqImage(version: string = ELASTICMQ_VERSION): string {
  return `softwaremill/elasticmq-native:${version}`;
}

/** The pinned container image, next to the pinned Maven version. */
export const ELASTICMQ_IMAGE = elasticMqImage();

/** The SQS port inside the container image. */
export const ELASTICMQ_CONTAINER_PORT = 9324;

/** ElasticMQ's fixed account id; queue URLs are `<endpoint>/<account>/<name>`. */
export const ELASTICMQ_ACCOUNT_ID = "000000000000";
