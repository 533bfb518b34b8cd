import { describe, expect, it } from "vitest";
import { activity, ageFit, compatibilityScore, fitsBothWays, interestOverlap, type Candidate } from "./score";

const at = new Date("2026-06-01T12:00:00Z");
const person = (over: Partial<Candidate> = {}): Candidate => ({
  gender: "woman",
  interestedIn: ["man"],
  birthDate: new Date("1996-01-01T00:00:00Z"), // 30 on `at`
  ageMin: 25,
  ageMax: 35,
  city: "Lisbon",
  interests: ["jazz", "hiking"],
  lastActiveAt: at,
  ...over,
});
const him = (over: Partial<Candidate> = {}) => person({ gender: "man", interestedIn: ["woman"], ...over });

describe("fitsBothWays", () => {
  it("needs gender wanted both ways", () => {
    expect(fitsBothWays(person(), him(), at)).toBe(true);
    expect(fitsBothWays(person(), him({ interestedIn: ["man"] }), at)).toBe(false);
    expect(fitsBothWays(person({ interestedIn: ["woman"] }), him(), at)).toBe(false);
    expect(fitsBothWays(person({ interestedIn: ["man", "woman", "nonbinary"] }), person({ gender: "nonbinary", interestedIn: ["woman"] }), at)).toBe(true);
  });
  it("needs each age inside the other's range, inclusive, birthdays counted exactly", () => {
    expect(fitsBothWays(person({ ageMax: 29 }), him(), at)).toBe(false);
    expect(fitsBothWays(person(), him({ ageMin: 31 }), at)).toBe(false);
    expect(fitsBothWays(person({ ageMin: 30, ageMax: 30 }), him(), at)).toBe(true);
    // Turns 30 tomorrow: still 29 today.
    expect(fitsBothWays(person({ ageMin: 30 }), him({ birthDate: new Date("1996-06-02T00:00:00Z") }), at)).toBe(false);
  });
});

describe("score parts", () => {
  it("interest overlap is Jaccard, case- and space-insensitive", () => {
    expect(interestOverlap(["Jazz", "hiking "], ["jazz", "films"])).toBeCloseTo(1 / 3);
    expect(interestOverlap([], [])).toBe(0);
    expect(interestOverlap(["a"], ["a"])).toBe(1);
  });
  it("age fit is 1 in the middle of both ranges and 0.5 at an edge", () => {
    expect(ageFit(person(), him(), at)).toBe(1);
    expect(ageFit(person({ ageMin: 30, ageMax: 40 }), him({ ageMin: 20, ageMax: 40 }), at)).toBeCloseTo((0.5 + 1) / 2);
  });
  it("activity decays with a one-day time constant", () => {
    expect(activity(at, at)).toBe(1);
    expect(activity(new Date(at.getTime() - 24 * 3600_000), at)).toBeCloseTo(Math.exp(-1));
    expect(activity(new Date(at.getTime() + 60_000), at)).toBe(1);
  });
});

describe("compatibilityScore", () => {
  it("is 1 for a perfect, active, same-city fit and ranks the parts by weight", () => {
    expect(compatibilityScore(person(), him(), at)).toBe(1);
    const noInterests = compatibilityScore(person(), him({ interests: ["golf"] }), at);
    const otherCity = compatibilityScore(person(), him({ city: "Porto" }), at);
    const idleWeek = compatibilityScore(person(), him({ lastActiveAt: new Date(at.getTime() - 7 * 24 * 3600_000) }), at);
    expect(noInterests).toBeCloseTo(0.6, 3);
    expect(otherCity).toBeCloseTo(0.85, 3);
    expect(idleWeek).toBeCloseTo(0.8, 2);
    expect(noInterests).toBeLessThan(idleWeek);
  });
  it("treats city names loosely", () => {
    expect(compatibilityScore(person({ city: " lisbon" }), him({ city: "LISBON" }), at)).toBe(1);
  });
});
