import { describe, expect, it } from "vitest";
import { targetsLabel } from "../../src/format.js";
import { choosePrices, renderHtml, renderMarkdown, resolveProfile } from "../../src/index.js";
import { fixtureResult } from "../fixtures/result-fixture.js";

describe("the targets in reports", () => {
  it("names each design's target from settings.target, and the built-in core for older results", () => {
    // Prepare
    const doc = fixtureResult();
    const [sync, ...rest] = doc.architectures;
    const own = {
      ...doc,
      architectures: [
        {
          ...(sync as NonNullable<typeof sync>),
          settings: {
            ...sync?.settings,
            target: { kind: "url", label: "HTTP service at POST http://127.0.0.1:1/p (uvicorn)" },
          },
        },
        ...rest,
      ],
    };

    // Act
    const label = targetsLabel(own);

    // Assess
    expect(label.split("; ")[0]).toBe("sync: HTTP service at POST http://127.0.0.1:1/p (uvicorn)");
    expect(targetsLabel(doc)).toContain("sync: built-in core");
    const options = { profile: resolveProfile({}), prices: choosePrices() };
    const head = renderMarkdown(own, options).split("\n").slice(0, 6).join("\n");
    expect(head).toContain(`Targets: ${label}`);
    expect(renderHtml(own, options)).toContain(
      "Targets: sync: HTTP service at POST http://127.0.0.1:1/p",
    );
  });
});
