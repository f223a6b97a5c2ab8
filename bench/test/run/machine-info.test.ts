// The machine block of every result: Linux's autogroup switch, which decides how the harness's
// session (the broker and the enqueue API with it) shares the cores with the environments' groups.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { machineInfo, schedAutogroup } from "../../src/run/machine-info.js";

describe("schedAutogroup", () => {
  it("reads 1 as on and 0 as off, and anything else or no file as unknown", () => {
    const dir = mkdtempSync(join(tmpdir(), "qs-autogroup-"));
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    expect(schedAutogroup(file("on", "1\n"))).toBe(true);
    expect(schedAutogroup(file("off", "0\n"))).toBe(false);
    expect(schedAutogroup(file("odd", "2\n"))).toBeUndefined();
    expect(schedAutogroup(join(dir, "missing"))).toBeUndefined();
  });

  it("is in the machine block when the host has the switch", () => {
    const host = schedAutogroup();
    const machine = machineInfo();
    if (host === undefined) expect(machine).not.toHaveProperty("schedAutogroup");
    else expect(machine.schedAutogroup).toBe(host);
  });
});
