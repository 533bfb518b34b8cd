import { describe, expect, it } from "vitest";
import { ICEBREAKER_PROMPTS } from "@/lib/icebreakers/prompts";
import { nextIcebreakerTurn, promptAt, shownIcebreaker } from "@/lib/icebreakers/rules";

const id = "3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f";

describe("icebreaker prompts", () => {
  it("are at least 40, distinct, short questions", () => {
    expect(ICEBREAKER_PROMPTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ICEBREAKER_PROMPTS).size).toBe(ICEBREAKER_PROMPTS.length);
    for (const p of ICEBREAKER_PROMPTS) {
      expect(p.endsWith("?")).toBe(true);
      expect(p.length).toBeLessThanOrEqual(90);
    }
  });

  it("keep to the app's tone: nothing about sex, bodies, exes or money", () => {
    const off = /\b(sex|sexy|kiss|bed|body|naked|hot|ex|exes|salary|money|drunk|weight)\b/i;
    expect(ICEBREAKER_PROMPTS.filter((p) => off.test(p))).toEqual([]);
  });
});

describe("shownIcebreaker", () => {
  it("shows a first call its prompt from the start, chosen from the session id alone", () => {
    const a = shownIcebreaker({ id, kind: "first", icebreakerTurn: null });
    expect(a).toEqual({ turn: 0, prompt: expect.any(String) });
    expect(shownIcebreaker({ id, kind: "first", icebreakerTurn: null })).toEqual(a);
    // Different sessions start at different prompts (most of the time).
    const starts = new Set(Array.from({ length: 20 }, (_, i) => shownIcebreaker({ id: `${id.slice(0, -2)}${String(i).padStart(2, "0")}`, kind: "first", icebreakerTurn: null })!.prompt));
    expect(starts.size).toBeGreaterThan(5);
  });

  it("shows a repeat call none until someone asks", () => {
    expect(shownIcebreaker({ id, kind: "repeat", icebreakerTurn: null })).toBeNull();
    expect(shownIcebreaker({ id, kind: "repeat", icebreakerTurn: 0 })).toEqual(promptAt(id, 0));
  });

  it("walks through every prompt before any repeats", () => {
    const seen = new Set(Array.from({ length: ICEBREAKER_PROMPTS.length }, (_, t) => promptAt(id, t).prompt));
    expect(seen.size).toBe(ICEBREAKER_PROMPTS.length);
    expect(promptAt(id, 1).prompt).not.toBe(promptAt(id, 0).prompt);
  });
});

describe("nextIcebreakerTurn", () => {
  it("moves one turn on from the prompt the member was looking at", () => {
    expect(nextIcebreakerTurn({ id, kind: "first", icebreakerTurn: null }, 0)).toBe(1);
    expect(nextIcebreakerTurn({ id, kind: "first", icebreakerTurn: 4 }, 4)).toBe(5);
    expect(nextIcebreakerTurn({ id, kind: "repeat", icebreakerTurn: null }, null)).toBe(0);
  });

  it("stays put when the call already moved on (two taps at once move it once)", () => {
    expect(nextIcebreakerTurn({ id, kind: "first", icebreakerTurn: 1 }, 0)).toBeNull();
    expect(nextIcebreakerTurn({ id, kind: "repeat", icebreakerTurn: 0 }, null)).toBeNull();
  });
});
