import { describe, expect, it } from "vitest";
import { listBodies, parseJsonLines, templateBodies } from "../../src/load/body-source.js";
import { templateIssues } from "../../src/load/body-template.js";

const at = (index: number) => ({ index, intendedUs: index * 1_000 });
const seq = (source: { bodyFor: (a: ReturnType<typeof at>) => string }, n: number) =>
  Array.from({ length: n }, (_, i) => source.bodyFor(at(i)));

describe("JSON Lines bodies", () => {
  it("keeps every JSON line, compact, and skips blank lines", () => {
    // Act
    const { bodies, issues } = parseJsonLines('{"a": 1}\n\n  [1, 2]\n"x"\n');

    // Assess
    expect(issues).toEqual([]);
    expect(bodies).toEqual(['{"a":1}', "[1,2]", '"x"']);
  });

  it("names the 1-based line of every malformed line", () => {
    // Act
    const { issues } = parseJsonLines('{"a": 1}\n{"b": \n{"c": 3}\nnope\n');

    // Assess
    expect(issues.map((i) => i.path)).toEqual(["line 2", "line 4"]);
    expect(issues[0]?.message).toMatch(/^not JSON/);
  });

  it("reports a file without any JSON line", () => {
    expect(parseJsonLines("\n\n").issues).toEqual([
      { path: "(file)", message: "holds no JSON line" },
    ]);
  });

  it("cycles through the lines in file order", () => {
    // Act
    const source = listBodies(["1", "2", "3"], "cycle", 7);

    // Assess
    expect(seq(source, 7)).toEqual(["1", "2", "3", "1", "2", "3", "1"]);
    expect(source.first).toBe("1");
  });

  it("samples by (seed, arrival index): the same seed gives the same sequence, another seed another", () => {
    // Prepare
    const lines = Array.from({ length: 10 }, (_, i) => String(i));

    // Act
    const a = seq(listBodies(lines, "sample", 7), 200);
    const again = seq(listBodies(lines, "sample", 7), 200);
    const other = seq(listBodies(lines, "sample", 8), 200);

    // Assess
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
    expect(new Set(a).size).toBe(10); // 200 draws over 10 lines reach every line
  });
});

describe("template bodies", () => {
  const template = {
    customerId: "{{int:1:5000}}",
    score: "{{float:0:1}}",
    channel: "{{pick:email|search|social}}",
    ref: "job-{{index}}-{{int:1:9}}",
    fixed: { nested: [1, "plain"] },
  };

  it("fills each field by its kind, the same for the same seed", () => {
    // Act
    const bodies = seq(templateBodies(template, 3), 50).map((b) => JSON.parse(b));
    const again = seq(templateBodies(template, 3), 50).map((b) => JSON.parse(b));

    // Assess
    expect(again).toEqual(bodies);
    for (const [i, b] of bodies.entries()) {
      expect(Number.isInteger(b.customerId) && b.customerId >= 1 && b.customerId <= 5000).toBe(
        true,
      );
      expect(b.score >= 0 && b.score < 1).toBe(true);
      expect(["email", "search", "social"]).toContain(b.channel);
      expect(b.ref).toMatch(new RegExp(`^job-${i}-[1-9]$`));
      expect(b.fixed).toEqual({ nested: [1, "plain"] });
    }
    expect(new Set(bodies.map((b) => b.customerId)).size).toBeGreaterThan(40);
  });

  it("draws other values under another seed", () => {
    expect(seq(templateBodies(template, 4), 20)).not.toEqual(seq(templateBodies(template, 3), 20));
  });

  it("reports every malformed field with its path", () => {
    // Act
    const issues = templateIssues(
      { a: "{{int:9:1}}", b: ["{{rand}}"], c: { d: "x-{{pick:}}" }, e: "{{int:1.5:3}}" },
      "bodies.template",
    );

    // Assess
    expect(issues.map((i) => i.path)).toEqual([
      "bodies.template.a",
      "bodies.template.b[0]",
      "bodies.template.c.d",
      "bodies.template.e",
    ]);
    expect(issues[1]?.message).toContain("unknown field {{rand}}");
  });
});
