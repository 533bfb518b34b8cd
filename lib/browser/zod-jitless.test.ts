import { describe, expect, it } from "vitest";
import { z } from "zod";
import { globalConfig } from "zod/v4/core";
import { configureZodJitless } from "./zod-jitless";

describe("configureZodJitless", () => {
  it("creates zod's global configuration when zod has not loaded yet, and keeps one that exists", () => {
    const fresh: { __zod_globalConfig?: { jitless?: boolean } } = {};
    configureZodJitless(fresh);
    expect(fresh.__zod_globalConfig).toEqual({ jitless: true });
    const existing = { __zod_globalConfig: { jitless: false, customError: undefined } };
    const before = existing.__zod_globalConfig;
    configureZodJitless(existing);
    expect(existing.__zod_globalConfig).toBe(before);
    expect(before.jitless).toBe(true);
  });

  it("is what zod itself reads: its configuration lives on globalThis.__zod_globalConfig", () => {
    expect(globalConfig).toBe(globalThis.__zod_globalConfig);
    const was = z.config().jitless;
    try {
      configureZodJitless();
      expect(z.config().jitless).toBe(true);
    } finally {
      z.config({ jitless: was });
    }
  });
});
