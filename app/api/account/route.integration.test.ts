// Deleting an account through the real route handlers on a real PostgreSQL: what goes (profile,
// photos, devices, live calls, the ability to sign in, every cookie) and what stays for the other
// member (matches, calls, shown as "Deleted member") and for admins (reports, the audit log).
import "next/dist/server/node-environment-baseline";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import sharp from "sharp";
import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { startCall } from "@/lib/calls/start-call";
import { joinCall } from "@/lib/calls/answer";
import { sessionFor } from "@/lib/calls/check-in";
import { callHistory } from "@/lib/calls/queries";
import { matchesFor, matchViewFor } from "@/lib/matches/view";
import { memberDetail } from "@/lib/admin/members";
import { reportsQueue, resolveReport } from "@/lib/admin/reports";
import { savePhoto } from "@/lib/profile/photos";
import { stopListener, whenListening } from "@/lib/events/listener";
import { DELETED_MEMBER_NAME } from "@/lib/account/deleted-member";
import { DELETE_ATTEMPTS } from "@/lib/account/deletion";
import { createMember, createPair } from "@/test/factories";
import { call } from "@/test/http";
import { delivered } from "@/test/events";
import { nextRoute } from "@/test/next-route";
import { DELETE } from "./route";
import * as adminMember from "@/app/api/admin/members/[user_id]/route";
import * as matchesRoute from "@/app/api/matches/route";
import * as historyRoute from "@/app/api/video/call-history/[match_id]/route";

const PASSWORD = "correct horse battery";

beforeAll(() => whenListening());
afterAll(() => stopListener());
afterEach(() => vi.unstubAllEnvs());

async function withPassword<T extends { id: number }>(member: T): Promise<T> {
  await prisma.user.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return member;
}

const deleteAccount = (as: { id: number } | null, body: unknown) => call(DELETE, "DELETE", { as, body });

/** Sarah and John, mutual, with a first call and a repeat call; Sarah has a photo and a device; John reported her. */
async function history() {
  const { sarah, john, match } = await createPair("matched");
  await withPassword(sarah);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await prisma.match.update({ where: { id: match.id }, data: { decisionA: "like", decisionB: "like", closedAt: at(50) } });
  const first = await prisma.callSession.create({
    data: { matchId: match.id, callerId: sarah.id, calleeId: john.id, kind: "first", status: "completed", createdAt: at(60), answeredAt: at(60), endedAt: at(59), capSeconds: 60 },
  });
  await prisma.callSession.create({
    data: { matchId: match.id, callerId: john.id, calleeId: sarah.id, kind: "repeat", status: "completed", createdAt: at(30), answeredAt: at(30), endedAt: at(20) },
  });
  const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#c0392b" } }).jpeg().toBuffer();
  await savePhoto(sarah.id, new Uint8Array(jpeg));
  await prisma.pushSubscription.create({ data: { userId: sarah.id, endpoint: `https://fcm.googleapis.com/fcm/send/${sarah.id}`, p256dh: "k", auth: "a" } });
  const report = await prisma.report.create({ data: { reporterId: john.id, reportedId: sarah.id, matchId: match.id, sessionId: first.id, reason: "harassment", details: "rude on camera" } });
  return { sarah, john, match, report };
}

describe("DELETE /api/account", () => {
  it("refuses a wrong password with 403, a missing one with 400, a signed-out request with 401, and changes nothing", async () => {
    const { sarah } = await history();
    const before = await prisma.user.findUniqueOrThrow({ where: { id: sarah.id }, include: { profile: true, photos: true, pushDevices: true } });
    expect(await deleteAccount(sarah, { password: "not it" })).toMatchObject({ status: 403, json: { error: expect.any(String) } });
    expect(await deleteAccount(sarah, {})).toMatchObject({ status: 400, json: { error: expect.stringContaining("password") } });
    expect(await deleteAccount(sarah, { password: PASSWORD, extra: 1 })).toMatchObject({ status: 400 });
    expect(await deleteAccount(null, { password: PASSWORD })).toMatchObject({ status: 401 });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: sarah.id }, include: { profile: true, photos: true, pushDevices: true } })).toEqual({ ...before, lastActiveAt: expect.any(Date) });
  });

  it("is rate-limited per member: password guesses with a borrowed session stop at 429", async () => {
    const sarah = await withPassword(await createMember({ name: "Sarah" }));
    for (let i = 0; i < DELETE_ATTEMPTS.limit; i++) expect((await deleteAccount(sarah, { password: `guess ${i}` })).status).toBe(403);
    expect(await deleteAccount(sarah, { password: PASSWORD })).toMatchObject({ status: 429, json: { error: expect.any(String) } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: sarah.id } })).deletedAt).toBeNull();
  });

  it("removes the member's own rows and keeps the other member's history under 'Deleted member'", async () => {
    const { sarah, john, match, report } = await history();
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: sarah.id } })).email;
    const signedOut = delivered("member.signed_out", sarah.id);
    expect(await deleteAccount(sarah, { password: PASSWORD })).toEqual({ status: 200, json: { deleted: true } });
    await signedOut;

    // Gone: profile, photos, devices; the row is a tombstone nobody can sign in to.
    const row = await prisma.user.findUniqueOrThrow({ where: { id: sarah.id }, include: { profile: true, photos: true, pushDevices: true } });
    expect(row).toMatchObject({ profile: null, photos: [], pushDevices: [], passwordHash: "", deletedAt: expect.any(Date) });
    expect(row.email).not.toBe(email);
    expect(row.email).toMatch(/@deleted\.invalid$/);

    // Kept for John: the match, both calls, under "Deleted member" in the list, the match page and the history.
    const list = await call(matchesRoute.GET, "GET", { as: john });
    expect(list.json.matches).toEqual([expect.objectContaining({ match_id: match.id, status: "matched", can_call: false, other_user: expect.objectContaining({ name: DELETED_MEMBER_NAME, deleted: true, photo_url: null, bio: "" }) })]);
    expect((await matchViewFor(match.id, john.id))?.other_user.name).toBe(DELETED_MEMBER_NAME);
    const johnsHistory = await call(historyRoute.GET, "GET", { as: john, params: { match_id: String(match.id) } });
    expect(johnsHistory.json).toMatchObject({ total_calls: 2, total_attempts: 2 });
    expect((await callHistory(john.id, match.id)).calls).toHaveLength(2);

    // Kept for admins: the report about her, with her shown as deleted.
    const queue = await reportsQueue("open");
    expect(queue.reports.find((r) => r.id === report.id)).toMatchObject({ reported: { id: sarah.id, name: DELETED_MEMBER_NAME, email: null, deleted: true }, reporter: { id: john.id, name: "John" } });
    expect((await memberDetail(john.id)).calls).toHaveLength(2);
    // "Ban" on a report about a deleted account closes it as actioned (nothing left to ban).
    const admin = await createMember({ name: "Root", role: "admin" });
    expect(await resolveReport(admin.id, report.id, { action: "ban", note: "left before we looked" })).toMatchObject({ status: "actioned" });
  });

  it("makes the old cookie answer 401 everywhere, and the old email and password sign nobody in", async () => {
    const sarah = await withPassword(await createMember({ name: "Sarah" }));
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: sarah.id } })).email;
    // Signed in and cached (the member cache keeps her between requests).
    expect((await call(matchesRoute.GET, "GET", { as: sarah })).status).toBe(200);
    const signedOut = delivered("member.signed_out", sarah.id);
    expect((await deleteAccount(sarah, { password: PASSWORD })).status).toBe(200);
    await signedOut;
    expect(await call(matchesRoute.GET, "GET", { as: sarah })).toMatchObject({ status: 401, json: { error: expect.any(String) } });
    expect((await deleteAccount(sarah, { password: PASSWORD })).status).toBe(401);

    // A real sign-in through next-auth's route handler.
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    vi.resetModules();
    const handle = nextRoute("/api/auth/[...nextauth]/route", () => import("@/app/api/auth/[...nextauth]/route"));
    const origin = "http://localhost:3000";
    const csrf = await handle(new NextRequest(`${origin}/api/auth/csrf`), { nextauth: ["csrf"] });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie()[0]!.split(";")[0]!;
    const res = await handle(
      new NextRequest(`${origin}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin },
        body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }).toString(),
      }),
      { nextauth: ["callback", "credentials"] },
    );
    expect(res.headers.getSetCookie().some((c) => c.includes("session-token=") && !c.includes("session-token=;"))).toBe(false);
    expect(((await res.json()) as { url: string }).url).toContain("error=");
  });

  it("ends a live call through the call lifecycle, so the other member's page learns it", async () => {
    const { sarah, john, match } = await createPair("matched");
    await withPassword(sarah);
    const { session } = await startCall(sarah.id, match.id);
    await joinCall(john.id, session.session_id);
    const changed = delivered("session.changed", john.id);
    expect((await deleteAccount(sarah, { password: PASSWORD })).status).toBe(200);
    expect(await changed).toMatchObject({ sessionId: session.session_id, status: "completed" });
    expect(await prisma.callSession.count({ where: { OR: [{ callerId: sarah.id }, { calleeId: sarah.id }], status: { in: ["ringing", "active"] } } })).toBe(0);
    expect(await sessionFor(john.id, session.session_id)).toMatchObject({ status: "completed", other_user_name: DELETED_MEMBER_NAME });
    // Nobody can ring a deleted member.
    await expect(startCall(john.id, match.id)).rejects.toMatchObject({ status: 409 });
  });

  it("closes pending and undecided matches (they can never go on), keeps mutual and passed ones", async () => {
    const sarah = await withPassword(await createMember({ name: "Sarah" }));
    const others = await Promise.all(["A", "B", "C"].map((name) => createMember({ name, gender: "man", interestedIn: ["woman"] })));
    const make = (o: { id: number }, status: "pending" | "matched" | "passed") => {
      const [userAId, userBId] = [sarah.id, o.id].sort((x, y) => x - y);
      return prisma.match.create({ data: { userAId, userBId, status } });
    };
    const pending = await make(others[0]!, "pending");
    const mutual = await make(others[1]!, "matched");
    const passed = await make(others[2]!, "passed");
    expect((await deleteAccount(sarah, { password: PASSWORD })).status).toBe(200);
    const status = async (id: number) => (await prisma.match.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(pending.id), await status(mutual.id), await status(passed.id)]).toEqual(["unmatched", "matched", "passed"]);
    expect((await matchesFor(others[1]!.id))[0]?.other_user.name).toBe(DELETED_MEMBER_NAME);
  });

  it("anonymises the reports the member filed: they stay for admins without the reporter", async () => {
    const { sarah, john, match } = await createPair("matched");
    await withPassword(sarah);
    const filed = await prisma.report.create({ data: { reporterId: sarah.id, reportedId: john.id, matchId: match.id, reason: "spam" } });
    expect((await deleteAccount(sarah, { password: PASSWORD })).status).toBe(200);
    expect(await prisma.report.findUniqueOrThrow({ where: { id: filed.id } })).toMatchObject({ reporterId: null, reportedId: john.id, reason: "spam" });
    expect((await reportsQueue("open")).reports.find((r) => r.id === filed.id)?.reporter).toEqual({ id: null, name: DELETED_MEMBER_NAME, email: null, banned: false, deleted: true });
    expect((await memberDetail(john.id)).reports_received).toEqual([expect.objectContaining({ id: filed.id, by: { id: null, name: DELETED_MEMBER_NAME } })]);
  });
});

describe("DELETE /api/admin/members/{id}", () => {
  it("deletes the account the same way, audited; refuses admins and a second deletion", async () => {
    const admin = await createMember({ name: "Root", role: "admin" });
    const { sarah, john, match } = await createPair("matched");
    const del = (id: number, body: unknown = { note: "asked by email" }) => call(adminMember.DELETE, "DELETE", { as: admin, body, params: { user_id: String(id) } });
    expect((await call(adminMember.DELETE, "DELETE", { as: john, body: {}, params: { user_id: String(sarah.id) } })).status).toBe(403);
    expect(await del(admin.id)).toMatchObject({ status: 409, json: { code: "is_admin" } });
    expect(await del(2_000_000_000)).toMatchObject({ status: 404 });
    expect(await del(sarah.id)).toMatchObject({ status: 200, json: { user_id: sarah.id, deleted: true } });
    expect(await del(sarah.id)).toMatchObject({ status: 409, json: { code: "already_deleted" } });
    const audit = await prisma.auditLog.findMany({ where: { action: "member.delete", targetId: String(sarah.id) } });
    expect(audit).toEqual([expect.objectContaining({ adminId: admin.id, note: "asked by email" })]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: sarah.id } })).deletedAt).not.toBeNull();
    expect((await matchViewFor(match.id, john.id))?.other_user.name).toBe(DELETED_MEMBER_NAME);
    expect((await memberDetail(sarah.id)).name).toBe(DELETED_MEMBER_NAME);
  });
});

describe("the schema", () => {
  it("never lets a deleted User row take another member's rows with it", async () => {
    const { sarah, john, match } = await createPair("matched");
    await prisma.callSession.create({ data: { matchId: match.id, callerId: sarah.id, calleeId: john.id, kind: "repeat", status: "completed", answeredAt: new Date(), endedAt: new Date() } });
    await prisma.report.create({ data: { reporterId: john.id, reportedId: sarah.id, matchId: match.id, reason: "spam" } });
    await expect(prisma.$executeRaw`DELETE FROM "User" WHERE id = ${sarah.id}`).rejects.toThrow(/foreign key/i);
    expect(await prisma.match.count({ where: { id: match.id } })).toBe(1);
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(1);
    expect(await prisma.report.count({ where: { reportedId: sarah.id } })).toBe(1);
  });

  it("keeps a report when its reporter's row goes (reporter set to null)", async () => {
    const { sarah, john } = await createPair("pending");
    const loner = await createMember({ name: "Loner" });
    const r = await prisma.report.create({ data: { reporterId: loner.id, reportedId: john.id, reason: "spam" } });
    await prisma.user.delete({ where: { id: loner.id } });
    expect(await prisma.report.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ reporterId: null });
    void sarah;
  });
});
