import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findMatchFor } from "@/lib/matching/engine";
import { banMember, searchMembers, unbanMember } from "@/lib/admin/members";
import { forceEndSession } from "@/lib/admin/live-calls";
import { reportsQueue, resolveReport } from "@/lib/admin/reports";
import { overview, STATS_DAYS } from "@/lib/admin/stats";
import * as banRoute from "@/app/api/admin/members/[user_id]/ban/route";
import * as forceEndRoute from "@/app/api/admin/sessions/[session_id]/force-end/route";
import * as resolveRoute from "@/app/api/admin/reports/[report_id]/resolve/route";
import * as unbanRoute from "@/app/api/admin/members/[user_id]/unban/route";
import { api } from "@/test/api";
import { call } from "@/test/http";
import { createMatch, createMember, createPair } from "@/test/factories";


let admin: { id: number; role: "admin" };
beforeAll(async () => {
  admin = { id: (await createMember({ name: "Root", role: "admin" })).id, role: "admin" };
});

const auditsFor = (targetType: string, targetId: string | number) =>
  prisma.auditLog.findMany({ where: { targetType, targetId: String(targetId) } });

async function ringing(caller: { id: number }, matchId: number) {
  const res = await api.startCall(caller, matchId);
  expect(res.status).toBe(200);
  return res.json.session_id as string;
}

describe("ban", () => {
  it("ends the member's ringing and active calls, closes their pending matches, and refuses their next request", async () => {
    const john = await createMember({ name: "John", gender: "man", interestedIn: ["woman"] });
    const sarah = await createMember({ name: "Sarah", gender: "woman", interestedIn: ["man"] });
    const maya = await createMember({ name: "Maya", gender: "woman", interestedIn: ["man"] });
    const ana = await createMember({ name: "Ana", gender: "woman", interestedIn: ["man"] });
    const withSarah = await createMatch(john, sarah);
    const withMaya = await createMatch(john, maya, "matched");
    const withAna = await createMatch(john, ana);
    // Ana is ringing John while he is in a call with Maya.
    const incoming = await ringing(ana, withAna.id);
    const active = await ringing(john, withMaya.id);
    await api.join(maya, active);
    expect((await api.matches(john)).status).toBe(200);

    const res = await call(banRoute.POST, "POST", { as: admin, params: { user_id: String(john.id) }, body: { reason: "Harassment on camera", note: "see report" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ user_id: john.id, banned: true });
    expect(res.json.ended_sessions.sort()).toEqual([active, incoming].sort());
    expect(res.json.closed_matches.sort()).toEqual([withSarah.id, withAna.id].sort());

    const user = await prisma.user.findUniqueOrThrow({ where: { id: john.id } });
    expect(user.bannedAt).not.toBeNull();
    expect(user.banReason).toBe("Harassment on camera");
    const sessions = await prisma.callSession.findMany({ where: { id: { in: [active, incoming] } } });
    expect(Object.fromEntries(sessions.map((s) => [s.id, [s.status, s.endReason, s.endedById]]))).toEqual({
      [active]: ["completed", "banned", admin.id],
      [incoming]: ["cancelled", "banned", admin.id],
    });
    // The mutual match stays (an unban restores it); the pending ones are closed.
    expect((await prisma.match.findUniqueOrThrow({ where: { id: withMaya.id } })).status).toBe("matched");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: withSarah.id } })).status).toBe("unmatched");

    // John's very next request is refused, whatever his cookie says.
    expect((await api.matches(john)).status).toBe(401);
    expect((await api.incomingCalls(john)).status).toBe(401);
    expect((await api.startCall(john, withMaya.id)).status).toBe(401);
    // Maya's call page is not told it was a ban: the reason reads "other", from nobody.
    expect((await api.session(maya, active)).json.session).toMatchObject({ status: "completed", end_reason: "other", ended_by: null });
    // Nobody can call him, and he is never proposed.
    expect((await api.startCall(maya, withMaya.id)).status).toBe(409);
    expect((await api.activeSessions(maya)).json.active_sessions).toEqual([]);
    const audits = await auditsFor("user", john.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ adminId: admin.id, action: "member.ban", note: "see report" });
  });

  it("a banned caller's ringing call vanishes from the callee's notifications", async () => {
    const { sarah, john, match } = await createPair();
    const s = await ringing(sarah, match.id);
    expect((await api.incomingCalls(john)).json.pending_calls).toHaveLength(1);
    await banMember(admin.id, sarah.id, { reason: "Spam calls" });
    expect((await api.incomingCalls(john)).json.pending_calls).toEqual([]);
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: s } })).status).toBe("cancelled");
  });

  it("vanishes from matching", async () => {
    const only = { birthDate: "1932-02-02", ageMin: 90, ageMax: 99 };
    const a = await createMember({ name: "Ida", gender: "woman", interestedIn: ["man"], ...only });
    const b = await createMember({ name: "Ole", gender: "man", interestedIn: ["woman"], ...only });
    await banMember(admin.id, b.id, { reason: "Fake profile" });
    expect(await findMatchFor(a.id)).toBeNull();
  });

  it("refuses bad input, admins, unknown members and double bans — without an audit entry", async () => {
    const m = await createMember({ name: "Kim" });
    const ban = (id: number | string, body: unknown) => call(banRoute.POST, "POST", { as: admin, params: { user_id: String(id) }, body });
    expect((await ban(m.id, {})).status).toBe(400);
    expect((await ban(m.id, { reason: "x" })).status).toBe(400);
    expect((await ban(m.id, { reason: "r".repeat(501) })).status).toBe(400);
    expect((await ban(m.id, { reason: "okay reason", extra: 1 })).status).toBe(400);
    expect((await ban("1e3", { reason: "okay reason" })).status).toBe(400);
    expect((await ban(2_000_000_000, { reason: "okay reason" })).status).toBe(404);
    expect((await ban(admin.id, { reason: "okay reason" })).status).toBe(409);
    expect((await ban(m.id, { reason: "okay reason" })).status).toBe(200);
    expect((await ban(m.id, { reason: "okay reason" })).status).toBe(409);
    expect(await auditsFor("user", m.id)).toHaveLength(1);
    expect(await auditsFor("user", admin.id)).toHaveLength(0);
  });

  it("unban lets the member back in, with its own audit entry", async () => {
    const { sarah, john, match } = await createPair("matched");
    await banMember(admin.id, john.id, { reason: "Mistake" });
    expect((await api.matches(john)).status).toBe(401);
    const res = await call(unbanRoute.POST, "POST", { as: admin, params: { user_id: String(john.id) }, body: { note: "appeal accepted" } });
    expect(res.status).toBe(200);
    expect((await api.matches(john)).status).toBe(200);
    expect((await api.startCall(sarah, match.id)).status).toBe(200);
    expect((await call(unbanRoute.POST, "POST", { as: admin, params: { user_id: String(john.id) }, body: {} })).status).toBe(409);
    expect((await auditsFor("user", john.id)).map((a) => a.action).sort()).toEqual(["member.ban", "member.unban"]);
  });
});

describe("member search", () => {
  it("treats % and _ as the characters they are, not as wildcards", async () => {
    const plain = await createMember({ name: "Zed Plain" });
    const under = await createMember({ name: "Zed_Under" });
    const ids = async (q: string) => (await searchMembers(q)).members.map((m: { id: number }) => m.id);
    expect(await ids("Zed_")).toEqual([under.id]);
    expect(await ids("_")).toContain(under.id);
    expect(await ids("_")).not.toContain(plain.id);
    expect(await ids("%")).not.toContain(plain.id);
    expect(await ids("zed")).toEqual(expect.arrayContaining([plain.id, under.id]));
  });
});

describe("force end", () => {
  it("ends a ringing or an active call for both members", async () => {
    const { sarah, john, match } = await createPair("matched");
    const s1 = await ringing(sarah, match.id);
    const r1 = await call(forceEndRoute.POST, "POST", { as: admin, params: { session_id: s1 }, body: { note: "test" } });
    expect(r1.status).toBe(200);
    expect(await prisma.callSession.findUniqueOrThrow({ where: { id: s1 } })).toMatchObject({ status: "cancelled", endReason: "admin", endedById: admin.id });
    expect((await api.incomingCalls(john)).json.pending_calls).toEqual([]);

    const s2 = await ringing(john, match.id);
    await api.join(sarah, s2);
    expect((await call(forceEndRoute.POST, "POST", { as: admin, params: { session_id: s2 }, body: {} })).status).toBe(200);
    expect(await prisma.callSession.findUniqueOrThrow({ where: { id: s2 } })).toMatchObject({ status: "completed", endReason: "admin" });
    // Each member's page says a moderator ended it; the admin is neither member's "them".
    for (const who of [sarah, john]) expect((await api.session(who, s2)).json.session).toMatchObject({ end_reason: "admin", ended_by: null });
    for (const who of [sarah, john]) expect((await api.activeSessions(who)).json.active_sessions).toEqual([]);

    // Already over: 409, and no second audit entry.
    expect((await call(forceEndRoute.POST, "POST", { as: admin, params: { session_id: s2 }, body: {} })).status).toBe(409);
    expect(await auditsFor("session", s1)).toHaveLength(1);
    expect(await auditsFor("session", s2)).toHaveLength(1);
    expect((await call(forceEndRoute.POST, "POST", { as: admin, params: { session_id: "nope" }, body: {} })).status).toBe(400);
  });

  it("a forced end of a first call that connected uses it up, like any hang-up", async () => {
    const { sarah, john, match } = await createPair();
    const s = await ringing(sarah, match.id);
    await api.join(john, s);
    await forceEndSession(admin.id, s);
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
  });
});

describe("reports queue", () => {
  async function reported() {
    const { sarah, john, match } = await createPair();
    const report = await prisma.report.create({ data: { reporterId: sarah.id, reportedId: john.id, matchId: match.id, reason: "harassment" } });
    return { sarah, john, match, report };
  }
  const resolve = (id: number, body: unknown) => call(resolveRoute.POST, "POST", { as: admin, params: { report_id: String(id) }, body });

  it("dismiss closes the report with the note and leaves the member alone", async () => {
    const { john, report } = await reported();
    expect((await resolve(report.id, { action: "dismiss", note: "Misunderstanding" })).json).toMatchObject({ status: "dismissed", banned: false });
    expect(await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "dismissed", resolvedById: admin.id, resolutionNote: "Misunderstanding" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: john.id } })).bannedAt).toBeNull();
    expect((await resolve(report.id, { action: "ban", note: "changed my mind" })).status).toBe(409);
    expect(await auditsFor("report", report.id)).toHaveLength(1);
  });

  it("ban bans the reported member and closes the report as actioned — one audit entry for both", async () => {
    const { john, report } = await reported();
    expect((await resolve(report.id, { action: "ban", note: "Clear harassment" })).json).toMatchObject({ status: "actioned", banned: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: john.id } });
    expect(user.bannedAt).not.toBeNull();
    expect(user.banReason).toContain(`Report #${report.id}`);
    expect((await auditsFor("report", report.id)).map((a) => a.action)).toEqual(["report.ban"]);
    expect(await auditsFor("user", john.id)).toHaveLength(0);
    expect((await api.matches(john)).status).toBe(401);
  });

  it("needs a note and a known action", async () => {
    const { report } = await reported();
    for (const body of [{ action: "ban" }, { action: "ban", note: "" }, { action: "delete", note: "yes yes" }, { action: "dismiss", note: "n".repeat(1001) }]) {
      expect((await resolve(report.id, body)).status).toBe(400);
    }
    expect((await resolve(2_000_000_000, { action: "dismiss", note: "who?" })).status).toBe(404);
    expect(await auditsFor("report", report.id)).toHaveLength(0);
  });

  it("lists open reports first, the longest waiting on top", async () => {
    await reported();
    const all = await reportsQueue("all", 1);
    const firstResolved = all.reports.findIndex((r) => r.status !== "open");
    expect(all.reports[0].status).toBe("open");
    if (firstResolved !== -1) expect(all.reports.slice(firstResolved).every((r) => r.status !== "open")).toBe(true);
    const ids = (await reportsQueue("open", 1)).reports.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});

describe("every admin action is audited in its own transaction", () => {
  // A deferred constraint trigger fails the transaction at COMMIT — after the action and its
  // audit insert ran — for audit rows carrying the marker. Neither may survive.
  const MARK = "[fail-at-commit]";
  beforeAll(async () => {
    await prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_fail_marked_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.note LIKE '%${MARK}%' THEN RAISE EXCEPTION 'test: failing after the audit insert'; END IF;
        RETURN NULL;
      END $$`);
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_marked_audit ON "AuditLog"`);
    await prisma.$executeRawUnsafe(`
      CREATE CONSTRAINT TRIGGER test_fail_marked_audit AFTER INSERT ON "AuditLog"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_marked_audit()`);
  });
  afterAll(async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_marked_audit ON "AuditLog"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_fail_marked_audit()`);
  });

  it("ban: a failure after the audit insert leaves the member unbanned, the call ringing, no entry", async () => {
    const { sarah, john, match } = await createPair();
    const s = await ringing(sarah, match.id);
    await expect(banMember(admin.id, john.id, { reason: "Harassment", note: `x ${MARK}` })).rejects.toThrow();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: john.id } })).bannedAt).toBeNull();
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: s } })).status).toBe("ringing");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
    expect(await auditsFor("user", john.id)).toHaveLength(0);
    // The same action without the marker goes through, with exactly one entry.
    await banMember(admin.id, john.id, { reason: "Harassment" });
    expect(await auditsFor("user", john.id)).toHaveLength(1);
  });

  it("unban", async () => {
    const john = await createMember({ name: "John" });
    await banMember(admin.id, john.id, { reason: "Harassment" });
    await expect(unbanMember(admin.id, john.id, { note: MARK })).rejects.toThrow();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: john.id } })).bannedAt).not.toBeNull();
    expect((await auditsFor("user", john.id)).map((a) => a.action)).toEqual(["member.ban"]);
  });

  it("force end", async () => {
    const { sarah, match } = await createPair();
    const s = await ringing(sarah, match.id);
    await expect(forceEndSession(admin.id, s, { note: MARK })).rejects.toThrow();
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: s } })).status).toBe("ringing");
    expect(await auditsFor("session", s)).toHaveLength(0);
  });

  it.each(["dismiss", "ban"] as const)("report %s", async (action) => {
    const { sarah, john, match } = await createPair();
    const report = await prisma.report.create({ data: { reporterId: sarah.id, reportedId: john.id, matchId: match.id, reason: "spam" } });
    await expect(resolveReport(admin.id, report.id, { action, note: `no ${MARK}` })).rejects.toThrow();
    expect((await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("open");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: john.id } })).bannedAt).toBeNull();
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
    expect(await auditsFor("report", report.id)).toHaveLength(0);
  });
});

describe("overview stats", () => {
  it("counts calls, the first-call funnel and the last 14 days in SQL", async () => {
    const before = await overview();
    const { sarah, john, match } = await createPair();
    const s = await ringing(sarah, match.id);
    const during = await overview();
    expect(during.calls.ringing_now).toBeGreaterThanOrEqual(1);
    await api.join(john, s);
    await api.end(sarah, s);
    await api.decide(sarah, match.id, "like");
    await api.decide(john, match.id, "like");
    const after = await overview();

    expect(after.daily).toHaveLength(STATS_DAYS);
    expect(after.daily.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
    expect(after.calls.today).toBeGreaterThan(before.calls.today);
    expect(after.funnel.started).toBeGreaterThan(before.funnel.started);
    expect(after.funnel.both_liked).toBeGreaterThan(before.funnel.both_liked);
    expect(after.daily.at(-1)!.mutual).toBeGreaterThan(before.daily.at(-1)!.mutual);
    expect(after.daily.at(-1)!.connected).toBeGreaterThan(before.daily.at(-1)!.connected);
    const f = after.funnel;
    expect(f.started).toBeGreaterThanOrEqual(f.answered);
    expect(f.answered).toBeGreaterThanOrEqual(f.completed);
    expect(f.completed).toBeGreaterThanOrEqual(f.both_liked);
    expect(after.rates.median_first_call_seconds).toEqual(expect.any(Number));
    expect(after.rates.median_seconds_to_answer).toEqual(expect.any(Number));
    for (const r of [after.rates.decline, after.rates.missed, after.rates.first_call_to_mutual]) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
  });
});
