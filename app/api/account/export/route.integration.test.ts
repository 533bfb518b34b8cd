// The data export through the real route on a real PostgreSQL: the member's own rows, and of the
// other member only their display name — never their decision, email, profile or devices.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { prisma } from "@/lib/db";
import { savePhoto } from "@/lib/profile/photos";
import { createMember, createPair } from "@/test/factories";
import { call, sessionCookie } from "@/test/http";
import { GET } from "./route";

async function mutualPairWithHistory() {
  const { sarah, john, match } = await createPair("passed");
  // Both decided, differently: Sarah liked, John passed.
  const [aIsSarah] = [match.userAId === sarah.id];
  await prisma.match.update({
    where: { id: match.id },
    data: aIsSarah
      ? { decisionA: "like", decisionB: "pass", decidedAAt: new Date(), decidedBAt: new Date() }
      : { decisionA: "pass", decisionB: "like", decidedAAt: new Date(), decidedBAt: new Date() },
  });
  const t = new Date(Date.now() - 3_600_000);
  const first = await prisma.callSession.create({
    data: { matchId: match.id, callerId: sarah.id, calleeId: john.id, kind: "first", status: "completed", createdAt: t, answeredAt: t, endedAt: new Date(t.getTime() + 42_000), capSeconds: 60 },
  });
  await prisma.report.create({ data: { reporterId: sarah.id, reportedId: john.id, matchId: match.id, reason: "spam", details: "links" } });
  await prisma.report.create({ data: { reporterId: john.id, reportedId: sarah.id, matchId: match.id, reason: "other", details: "john's words about sarah" } });
  await prisma.pushSubscription.create({ data: { userId: sarah.id, endpoint: `https://fcm.googleapis.com/fcm/send/s${sarah.id}`, p256dh: "sarah-p256dh-key", auth: "sarah-auth-secret", userAgent: "Firefox" } });
  await prisma.pushSubscription.create({ data: { userId: john.id, endpoint: `https://fcm.googleapis.com/fcm/send/j${john.id}`, p256dh: "john-key", auth: "john-auth", userAgent: "JohnPhone" } });
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#336699" } }).jpeg().toBuffer();
  await savePhoto(sarah.id, new Uint8Array(jpeg));
  return { sarah, john, match, first };
}

describe("GET /api/account/export", () => {
  it("is a JSON attachment of the member's own rows, with none of the other member's decisions or private data", async () => {
    const { sarah, john, match, first } = await mutualPairWithHistory();
    const johnRow = await prisma.user.findUniqueOrThrow({ where: { id: john.id }, include: { profile: true } });
    const sarahRow = await prisma.user.findUniqueOrThrow({ where: { id: sarah.id } });

    const req = new NextRequest("http://localhost/api/account/export", { headers: { cookie: await sessionCookie(sarah) } });
    const res = await GET(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="meetcute-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    const data = JSON.parse(text);

    expect(data.account).toMatchObject({ id: sarah.id, email: sarahRow.email });
    expect(data.profile).toMatchObject({ display_name: "Sarah", city: "Lisbon", photo_url: expect.stringMatching(/^\/api\/photos\//) });
    expect(data.photos).toEqual([expect.objectContaining({ current: true, content_type: "image/jpeg", data_url: expect.stringMatching(/^data:image\/jpeg;base64,\/9j\//) })]);
    expect(data.matches).toEqual([
      { match_id: match.id, status: "passed", created_at: expect.any(String), closed_at: null, other_member: { name: "John" }, my_decision: "like", my_decision_at: expect.any(String) },
    ]);
    expect(data.calls).toEqual([expect.objectContaining({ session_id: first.id, i_called: true, duration_seconds: 42, started_at: first.createdAt.toISOString() })]);
    expect(data.reports_filed).toEqual([expect.objectContaining({ about: { name: "John" }, reason: "spam", details: "links" })]);
    expect(data.push_devices).toEqual([{ id: expect.any(Number), user_agent: "Firefox", created_at: expect.any(String), last_used_at: null }]);
    // The session this request came with, without its id.
    const live = await prisma.signInSession.findMany({ where: { userId: sarah.id } });
    expect(live).toHaveLength(1);
    await prisma.signInSession.update({ where: { id: live[0].id }, data: { timeZone: "Europe/Lisbon", network: "203.0.113.0/24" } });
    const again = JSON.parse(await (await GET(new NextRequest("http://localhost/api/account/export", { headers: req.headers }), { params: Promise.resolve({}) })).text());
    expect(again.sign_in_sessions.sessions).toEqual([
      { user_agent: live[0].userAgent, time_zone: "Europe/Lisbon", network: "203.0.113.0/24", signed_in_at: expect.any(String), last_seen_at: expect.any(String), signed_out_at: null },
    ]);
    for (const s of live) expect(text).not.toContain(s.id);

    // None of John's: not his decision ("pass" appears nowhere), his email, his profile, his
    // device, nor his report about Sarah; and not Sarah's own device keys.
    expect(text).not.toContain('"pass"');
    for (const secret of [johnRow.email, johnRow.profile!.bio || "\u0000", "JohnPhone", "john-key", "john's words", "sarah-p256dh-key", "sarah-auth-secret", "fcm.googleapis.com"]) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(data.matches[0])).not.toContain("decisionB");
  });

  it("answers 401 signed out", async () => {
    expect((await call(GET, "GET", { as: null })).status).toBe(401);
  });

  it("works for a member with nothing yet", async () => {
    const loner = await createMember({ name: "Loner" });
    const res = await call(GET, "GET", { as: loner });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ matches: [], calls: [], reports_filed: [], photos: [], push_devices: [] });
  });
});
