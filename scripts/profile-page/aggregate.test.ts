import { describe, expect, it } from "vitest";
import { addProfile, emptyTotals, packageOf, shortSource, top, type CpuProfile, type Locate } from "./aggregate";

const frame = (id: number, functionName: string, url = "", lineNumber = 0, columnNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber, columnNumber } });

describe("profile-page's sums", () => {
  it("names packages and our folders", () => {
    expect(packageOf("node_modules/zod/v4/core/core.js")).toBe("zod");
    expect(packageOf("node_modules/@livekit/components-react/dist/index.js")).toBe("@livekit/components-react");
    expect(packageOf("node_modules/next/dist/compiled/react-dom/cjs/react-dom-client.production.js")).toBe("next");
    expect(packageOf("lib/format.ts")).toBe("ours: lib/");
    expect(packageOf("[turbopack]/browser/runtime/base/build-base.ts")).toBe("turbopack runtime");
    expect(packageOf("http://127.0.0.1:3000/_next/static/chunks/2c4rg82on76p0.js")).toBe("(bundle without a source map)");
    expect(packageOf("extensions::SafeBuiltins")).toBe("(browser built-ins)");
    expect(shortSource("turbopack:///[project]/lib/format.ts")).toBe("lib/format.ts");
    expect(shortSource("turbopack:///[project]/node_modules/zod/v4/core/core.js")).toBe("node_modules/zod/v4/core/core.js");
  });

  it("sums self time per sample, leaves idle, the browser's own work and GC out of the script time, and maps bundle positions to sources", () => {
    const profile: CpuProfile = {
      nodes: [frame(1, "(root)"), frame(2, "(idle)"), frame(3, "(program)"), frame(4, "(garbage collector)"), frame(5, "a", "http://x/_next/static/chunks/c.js", 0, 100), frame(6, "b", "http://x/_next/static/chunks/c.js", 0, 900), frame(7, "fetch")],
      samples: [2, 3, 5, 5, 6, 4, 7, 5],
      timeDeltas: [1000, 2000, 500, 500, 3000, 250, 100, 500],
    };
    const locate: Locate = (_url, _line, column) => (column < 500 ? { source: "turbopack:///[project]/lib/format.ts", line: 54, name: "dateFormat" } : { source: "turbopack:///[project]/node_modules/zod/v4/core/core.js", line: 50, name: null });
    const totals = emptyTotals();
    addProfile(totals, profile, locate);
    addProfile(totals, profile, locate);
    expect(totals.program).toBe(4);
    expect(totals.gc).toBe(0.5);
    expect(totals.script).toBe(2 * (1.5 + 3 + 0.1));
    expect(Object.fromEntries(totals.byPackage)).toEqual({ "ours: lib/": 3, zod: 6, "(fetch)": 0.2 });
    expect(totals.byFunction.get("dateFormat  lib/format.ts:54")).toBe(3);
    expect(totals.byFunction.get("b  node_modules/zod/v4/core/core.js:50")).toBe(6);
    expect(top(totals.byPackage, 2, 2)).toBe("      3 ms  zod\n      2 ms  ours: lib/");
  });
});
