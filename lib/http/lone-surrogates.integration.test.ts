// Text with a lone UTF-16 surrogate half ("\ud800", valid in a JSON string escape) cannot be sent
// to the database: Prisma's query engine refuses it as malformed JSON, which was a 500. Found by
// the fuzz suite (app/api/fuzz-requests.test.ts): PATCH /api/profile { interests: ["\udfff"] }.
// Refused at the shared validation layer instead, like NUL characters.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";
import { parse } from "@/lib/http/handler";
import * as profileRoute from "@/app/api/profile/route";
import * as reportRoute from "@/app/api/matches/[match_id]/report/route";
import { call } from "@/test/http";
import { createPair } from "@/test/factories";

describe("lone surrogate halves", () => {
  it("are refused at any depth, in values and keys, with where they are", () => {
    const refused = (data: unknown) => {
      try {
        parse(z.any(), data);
      } catch (err) {
        return err instanceof HttpError ? `${err.status} ${err.message}` : String(err);
      }
      return "accepted";
    };
    expect(refused({ a: ["x", "\udfff"] })).toBe("400 a.1: must be valid Unicode text (no lone surrogate halves).");
    expect(refused({ ["k\ud800"]: 1 })).toMatch(/^400 /);
    expect(refused("a\ud83d")).toBe("400 Input must be valid Unicode text (no lone surrogate halves).");
    // A pair is a character like any other.
    expect(refused({ name: "Ana 🙂", bio: "\ud83d\ude42" })).toBe("accepted");
  });

  it("in a profile update or a report: 400 with { error }, nothing stored", async () => {
    const { sarah, match } = await createPair();
    const before = await prisma.profile.findUnique({ where: { userId: sarah.id } });
    for (const body of [{ interests: ["\udfff"] }, { displayName: "Sa\ud800rah" }, { bio: "\udc00" }]) {
      const res = await call(profileRoute.PATCH, "PATCH", { as: sarah, body });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: expect.stringContaining("valid Unicode") });
    }
    expect(await prisma.profile.findUnique({ where: { userId: sarah.id } })).toEqual(before);

    const report = await call(reportRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, body: { reason: "spam", details: "\ud800" } });
    expect(report.status).toBe(400);
    expect(await prisma.report.count()).toBe(0);

    const fine = await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { interests: ["🙂 hiking"] } });
    expect(fine.status).toBe(200);
  });
});
