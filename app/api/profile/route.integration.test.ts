import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/test/http";
import { createMember } from "@/test/factories";
import { GET, PATCH } from "./route";

describe("GET /api/profile", () => {
  it("returns the member's own profile", async () => {
    const me = await createMember({ name: "Nora", city: "Porto", interests: ["jazz"], birthDate: "1990-03-01" });
    const res = await call(GET, "GET", { as: me });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ displayName: "Nora", email: me.email, city: "Porto", interests: ["jazz"], birthDate: "1990-03-01", gender: "woman", photoUrl: null });
    expect(res.json.age).toBeGreaterThanOrEqual(35);
  });

  it("needs a signed-in member", async () => {
    expect((await call(GET, "GET")).status).toBe(401);
  });
});

describe("PATCH /api/profile", () => {
  it("updates the editable fields, tidying interests", async () => {
    const me = await createMember({ name: "Olga" });
    const res = await call(PATCH, "PATCH", {
      as: me,
      body: { displayName: " Olga B ", bio: "Tea and trains.", city: "Braga", interests: ["Board  Games", "board games", " Hiking "], interestedIn: ["man", "nonbinary"], ageMin: 25, ageMax: 40 },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ displayName: "Olga B", bio: "Tea and trains.", city: "Braga", interests: ["board games", "hiking"], interestedIn: ["man", "nonbinary"], ageMin: 25, ageMax: 40 });
  });

  it("updates one field alone, checking the age range against the stored one", async () => {
    const me = await createMember({ name: "Pia", ageMin: 30, ageMax: 40 });
    expect((await call(PATCH, "PATCH", { as: me, body: { ageMax: 35 } })).json).toMatchObject({ ageMin: 30, ageMax: 35 });
    const res = await call(PATCH, "PATCH", { as: me, body: { ageMax: 25 } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/youngest age can't be above the oldest/);
  });

  it.each([
    [{ displayName: "  " }, /Name is required/],
    [{ city: "x".repeat(81) }, /City must be at most 80/],
    [{ bio: "x".repeat(501) }, /Bio must be at most 500/],
    [{ interests: Array.from({ length: 13 }, (_, i) => `tag ${i}`) }, /At most 12 interests/],
    [{ interests: ["x".repeat(31)] }, /at most 30 characters/],
    [{ interestedIn: [] }, /who you want to meet/],
    [{ interestedIn: ["robot"] }, /who you want to meet/],
    [{ ageMin: 17 }, /at least 18/],
    [{ ageMax: 100 }, /at most 99/],
    [{ gender: "man" }, /Unrecognized key/i],
    [{ photoPath: "../../etc/passwd" }, /Unrecognized key/i],
  ])("refuses %j without changing anything", async (body, message) => {
    const me = await createMember({ name: "Quinn" });
    const before = await prisma.profile.findUniqueOrThrow({ where: { userId: me.id } });
    const res = await call(PATCH, "PATCH", { as: me, body });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(message);
    expect(await prisma.profile.findUniqueOrThrow({ where: { userId: me.id } })).toEqual(before);
  });

  it("needs a signed-in member", async () => {
    expect((await call(PATCH, "PATCH", { body: { city: "Faro" } })).status).toBe(401);
  });
});
