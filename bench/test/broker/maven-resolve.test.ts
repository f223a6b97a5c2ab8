import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrokerError, isServerCached, resolveElasticMqServer } from "../../src/broker/index.js";

// A stand-in `mvn` (a real process on PATH): it counts its calls and writes the server jar
// where copy-dependencies would, or fails when the version is 6.6.6.
const FAKE_MVN = `#!/bin/sh
echo call >> "$FAKE_MVN_CALLS"
prev=""
for a in "$@"; do
  case "$a" in -DoutputDirectory=*) out="\${a#-DoutputDirectory=}";; esac
  [ "$prev" = "-f" ] && pom="$a"
  prev="$a"
done
version=$(grep -o '<version>[0-9.]*</version>' "$pom" | tail -1 | sed 's/<[^>]*>//g')
if [ "$version" = "6.6.6" ]; then echo "[ERROR] Could not resolve dependencies" >&2; exit 1; fi
sleep 0.3
mkdir -p "$out" && echo jar > "$out/elasticmq-server_2.13-$version.jar"
`;

describe("resolveElasticMqServer", () => {
  const savedPath = process.env.PATH;
  let dir: string;
  let calls: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qs-mvn-"));
    calls = join(dir, "calls.log");
    await writeFile(join(dir, "mvn"), FAKE_MVN);
    await chmod(join(dir, "mvn"), 0o755);
    process.env.PATH = `${dir}${delimiter}${savedPath}`;
    process.env.FAKE_MVN_CALLS = calls;
  });

  afterAll(async () => {
    process.env.PATH = savedPath;
    delete process.env.FAKE_MVN_CALLS;
    await rm(dir, { recursive: true, force: true });
  });

  it("lets concurrent first starts share one complete cache, then stops calling Maven", async () => {
    // Prepare
    const cacheDir = join(dir, "cache");
    const options = { cacheDir, version: "9.9.9", timeoutMs: 20_000, log: () => {} };

    // Act
    const first = await Promise.all([1, 2, 3].map(() => resolveElasticMqServer(options)));
    const again = await resolveElasticMqServer(options);

    // Assess
    expect(new Set(first.map((r) => r.libDir)).size).toBe(1);
    expect(await readdir(first[0]?.libDir ?? "")).toEqual(["elasticmq-server_2.13-9.9.9.jar"]);
    expect(await readdir(join(cacheDir, "elasticmq"))).toEqual(["9.9.9"]); // no temp folders left
    expect(again.fromCache).toBe(true);
    expect(await isServerCached(cacheDir, "9.9.9")).toBe(true);
    expect((await readFile(calls, "utf8")).trim().split("\n")).toHaveLength(3);
  });

  it("fails with QS_BROKER_RESOLVE_FAILED and Maven's output when resolution fails", async () => {
    // Prepare
    const options = {
      cacheDir: join(dir, "cache2"),
      version: "6.6.6",
      timeoutMs: 20_000,
      log: () => {},
    };

    // Act
    const attempt = resolveElasticMqServer(options);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(BrokerError);
    await expect(attempt).rejects.toMatchObject({
      code: "QS_BROKER_RESOLVE_FAILED",
      message: expect.stringContaining("Could not resolve dependencies"),
    });
    expect(await isServerCached(options.cacheDir, "6.6.6")).toBe(false);
  });
});
