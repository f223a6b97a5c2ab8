// Runtime detection for the container target: what testcontainers is told, and the error that
// names the setup script when nothing answers (a fake Docker API on a unix socket).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/index.js";
import { detectContainerRuntime, useContainerRuntime } from "../../src/containers/runtime-env.js";

describe("container runtime detection", () => {
  const saved = { ...process.env };
  let dir: string;
  let server: Server | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "qs-rt-"));
  });
  afterEach(async () => {
    process.env = { ...saved };
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails naming the setup script when nothing answers", async () => {
    process.env.DOCKER_HOST = `unix://${join(dir, "absent.sock")}`;
    expect(await detectContainerRuntime()).toBeUndefined();
    await expect(useContainerRuntime()).rejects.toMatchObject({
      code: "QS_CONTAINER_NO_RUNTIME",
      message: expect.stringContaining("docker/setup-podman.sh"),
    });
  });

  it("makes `bench --target containers` exit 2 at once, naming the setup script", async () => {
    process.env.DOCKER_HOST = `unix://${join(dir, "absent.sock")}`;
    let err = "";
    const code = await runCli(["--quick", "--target", "containers", "--results-dir", dir], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (err += t) },
      signal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(err).toContain("docker/setup-podman.sh");
  });

  it("keeps a Docker engine's settings and turns Ryuk off only for podman", async () => {
    const socket = join(dir, "docker.sock");
    server = createServer((_req, res) => res.end("OK"));
    await new Promise<void>((r) => server?.listen(socket, () => r()));
    process.env.DOCKER_HOST = `unix://${socket}`;
    delete process.env.TESTCONTAINERS_RYUK_DISABLED;
    const found = await useContainerRuntime();
    expect(found).toMatchObject({ podman: false, env: {} });
    expect(process.env.TESTCONTAINERS_RYUK_DISABLED).toBeUndefined();
  });
});
