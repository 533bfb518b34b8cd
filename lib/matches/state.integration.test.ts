import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { HttpError } from "@/lib/http/http-error";
import { lockOwnMatch, transitionMatch, transitionMatches, withMatchLock } from "@/lib/matches/state";
import { createMember, createPair } from "@/test/factories";

describe("transitionMatch", () => {
  it("moves a locked match along a drawn edge with the change's other fields", async () => {
    const { match } = await createPair("awaiting_decision");
    const closedAt = new Date("2026-01-02T03:04:05Z");
    await transaction(async (tx) => {
      const m = await withMatchLock(tx, match.id);
      await transitionMatch(tx, m!, "matched", { closedAt });
    });
    expect(await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).toMatchObject({ status: "matched", closedAt });
  });

  it("refuses an edge that is not drawn (409 invalid_transition) and changes nothing", async () => {
    const { match } = await createPair("pending");
    const err = await transaction(async (tx) => transitionMatch(tx, (await withMatchLock(tx, match.id))!, "matched")).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 409, code: "invalid_transition" });
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
  });

  it("refuses when the status read is stale (a concurrent change wins, not overwritten)", async () => {
    const { match } = await createPair("awaiting_decision");
    const err = await transaction(async (tx) => {
      await tx.match.update({ where: { id: match.id }, data: { status: "unmatched" } });
      await transitionMatch(tx, { id: match.id, status: "awaiting_decision" }, "matched");
    }).catch((e) => e);
    expect(err).toMatchObject({ status: 409, code: "changed" });
    // The whole unit rolled back.
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
  });
});

describe("transitionMatches (set-based system changes)", () => {
  it("moves only the matches still in `from`", async () => {
    const a = await createPair("pending");
    const b = await createPair("matched");
    const moved = await transaction((tx) => transitionMatches(tx, [a.match.id, b.match.id], "pending", "awaiting_decision"));
    expect(moved).toEqual([a.match.id]);
    expect((await prisma.match.findUniqueOrThrow({ where: { id: b.match.id } })).status).toBe("matched");
  });

  it("refuses an undrawn edge before touching anything", async () => {
    const { match } = await createPair("pending");
    await expect(transaction((tx) => transitionMatches(tx, [match.id], "pending", "matched"))).rejects.toThrow(/not in MATCH_TRANSITIONS/);
  });
});

describe("lockOwnMatch", () => {
  it("404s for outsiders, unknown matches, and the blocked side of a blocked match", async () => {
    const { sarah, john, match } = await createPair("pending");
    const stranger = await createMember({ name: "Eve" });
    await expect(transaction((tx) => lockOwnMatch(tx, stranger.id, match.id))).rejects.toMatchObject({ status: 404 });
    await expect(transaction((tx) => lockOwnMatch(tx, sarah.id, 2_000_000_000))).rejects.toMatchObject({ status: 404 });
    await prisma.match.update({ where: { id: match.id }, data: { status: "blocked", closedById: sarah.id } });
    await expect(transaction((tx) => lockOwnMatch(tx, john.id, match.id, { allowBlocker: true }))).rejects.toMatchObject({ status: 404 });
    const own = await transaction((tx) => lockOwnMatch(tx, sarah.id, match.id, { allowBlocker: true }));
    expect(own.otherId).toBe(john.id);
  });
});
