import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeContainerRuntime } from "../../src/broker/index.js";

/** A stand-in for the Docker Engine API on a unix socket: answers /_ping and image inspects. */
function fakeDockerApi(presentImages: readonly string[]): Server {
  return createServer((req, res) => {
    const image = /^\/images\/(.+)\/json$/.exec(req.url ?? "")?.[1];
    if (req.url === "/_ping") res.writeHead(200).end("OK");
    else if (image !== undefined && presentImages.includes(decodeURIComponent(image)))
      res.writeHead(200).end("{}");
    else res.writeHead(404).end("{}");
  });
}

describe("probeContainerRuntime", () => {
  const savedDockerHost = process.env.DOCKER_HOST;
  let dir: string;
  let server: Server;
  let socket: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-probe-"));
    socket = join(dir, "docker.sock");
    server = fakeDockerApi(["softwaremill/elasticmq-native:1.7.1"]);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
    if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedDockerHost;
  });

  it("finds a runtime at DOCKER_HOST and tells whether the image is present", async () => {
    // Prepare
    process.env.DOCKER_HOST = `unix://${socket}`;

    // Act
    const present = await probeContainerRuntime("softwaremill/elasticmq-native:1.7.1");
    const absent = await probeContainerRuntime("softwaremill/elasticmq-native:0.0.1");

    // Assess
    expect(present).toEqual({
      ok: true,
      location: `DOCKER_HOST=unix://${socket}`,
      imagePresent: true,
    });
    expect(absent).toMatchObject({ ok: true, imagePresent: false });
  });

  it("names where it looked when no runtime answers", async () => {
    // Prepare
    process.env.DOCKER_HOST = `unix://${join(dir, "absent.sock")}`;

    // Act
    const result = await probeContainerRuntime("any:1");

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: `no container runtime answered at DOCKER_HOST=unix://${join(dir, "absent.sock")} (no socket)`,
    });
  });

  it("does not contact a non-loopback DOCKER_HOST", async () => {
    // Prepare
    process.env.DOCKER_HOST = "tcp://192.0.2.10:2375";

    // Act
    const result = await probeContainerRuntime("any:1");

    // Assess
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("not a loopback") });
  });
});
