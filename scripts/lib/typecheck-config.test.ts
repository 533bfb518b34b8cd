import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// tsconfig.typecheck.json (npm test's typecheck, beside the build) repeats tsconfig.json's
// `exclude`, because an `exclude` replaces the base's rather than adding to it. This keeps the
// copy equal to the base plus the one file it adds, so a folder excluded in tsconfig.json is
// never typechecked by npm test alone.
const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => {
  const { config, error } = ts.readConfigFile(path.join(ROOT, file), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return config as { extends?: string; include?: string[]; exclude?: string[] };
};

describe("tsconfig.typecheck.json", () => {
  it("is tsconfig.json with next-env.d.ts excluded, and nothing else changed", () => {
    const base = read("tsconfig.json");
    const typecheck = read("tsconfig.typecheck.json");
    expect(typecheck.extends).toBe("./tsconfig.json");
    expect(Object.keys(typecheck).sort()).toEqual(["exclude", "extends"]);
    expect([...typecheck.exclude!].sort()).toEqual([...(base.exclude ?? []), "next-env.d.ts"].sort());
  });
});
