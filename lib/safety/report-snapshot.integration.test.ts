import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import * as reportRoute from "@/app/api/matches/[match_id]/report/route";
import * as snapshotRoute from "@/app/api/admin/reports/[report_id]/snapshot/route";
import * as resolveRoute from "@/app/api/admin/reports/[report_id]/resolve/route";
import { purgeExpiredSnapshots } from "@/lib/safety/snapshots";
import { findMatchFor } from "@/lib/matching/engine";
import { api } from "@/test/api";
import { call } from "@/test/http";
import { snapshot } from "@/test/refusals";
import { createMember, createPair } from "@/test/factories";

// "Report and leave" from the call page: a multipart report with the snapshot, which admins alone
// may see (audited), and which goes 30 days after the report is resolved.

/** A frame as a canvas gives it: a JPEG with EXIF the re-encoding must drop. */
const FRAME = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#3a7bd5" } })
  .jpeg()
  .withExif({ IFD0: { ImageDescription: "SECRET-EXIF" } })
  .toBuffer();

async function multipart(parts: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) form.set(k, v);
  const req = new Request("http://localhost/", { method: "POST", body: form });
  const bytes = new Uint8Array(await req.arrayBuffer());
  return {
    contentType: req.headers.get("content-type")!,
    stream: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    }),
  };
}

const callReport = (sessionId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ reason: "other", session_id: sessionId, also_block: true, one_tap: true, snapshot_shown: "picture", ...extra });

async function reportFromCall(as: { id: number } | null, matchId: unknown, parts: Record<string, string | Blob>) {
  const { contentType, stream } = await multipart(parts);
  return call(reportRoute.POST, "POST", { as, params: { match_id: String(matchId) }, stream, contentType });
}

async function getSnapshot(as: { id: number; role?: "member" | "admin" } | null, reportId: unknown) {
  const { NextRequest } = await import("next/server");
  const { sessionCookie } = await import("@/test/http");
  const headers: Record<string, string> = as ? { cookie: await sessionCookie(as) } : {};
  const res = await snapshotRoute.GET(new NextRequest(`http://localhost/api/admin/reports/${reportId}/snapshot`, { headers }), {
    params: Promise.resolve({ report_id: String(reportId) }),
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function activeCall() {
  const pair = await createPair();
  const started = await api.startCall(pair.sarah, pair.match.id);
  const sessionId = started.json.session_id as string;
  expect((await api.join(pair.john, sessionId)).status).toBe(200);
  return { ...pair, sessionId };
}

/** What a refused report could have touched, the snapshot table, blocks and the audit log included. */
async function everything() {
  const [base, snapshots, blocks, audit] = await Promise.all([snapshot(), prisma.reportSnapshot.count(), prisma.block.count(), prisma.auditLog.count()]);
  return JSON.stringify({ base, snapshots, blocks, audit });
}

describe("POST /api/matches/{id}/report with a snapshot (Report and leave)", () => {
  it("reports, blocks and ends the call at once; the report names the session and holds the re-encoded JPEG", async () => {
    const { sarah, john, match, sessionId } = await activeCall();
    const res = await reportFromCall(sarah, match.id, { report: callReport(sessionId), snapshot: new Blob([FRAME], { type: "image/jpeg" }) });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ blocked: true, snapshot: true });

    const stored = await prisma.report.findUniqueOrThrow({ where: { id: res.json.report_id }, include: { snapshot: true } });
    expect(stored).toMatchObject({ reporterId: sarah.id, reportedId: john.id, sessionId, reason: "other" });
    expect(stored.evidence).toMatchObject({ session_id: sessionId, source: "call", one_tap: true });
    const bytes = Buffer.from(stored.snapshot!.bytes);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.includes(Buffer.from("SECRET-EXIF"))).toBe(false);
    expect(stored.snapshot).toMatchObject({ shown: "picture", width: 640, height: 480, contentType: "image/jpeg", size: bytes.byteLength });

    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("completed");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("blocked");
    // The reported member can never ring the reporter again.
    expect((await api.startCall(john, match.id)).status).toBe(404);
    expect((await api.session(john, sessionId)).status).toBe(404);
  });

  it("the reported member is never matched with the reporter again", async () => {
    const only = { birthDate: "1933-03-03", ageMin: 90, ageMax: 99 };
    const ana = await createMember({ name: "Ana", gender: "woman", interestedIn: ["nonbinary"], ...only });
    const kai = await createMember({ name: "Kai", gender: "nonbinary", interestedIn: ["woman"], ...only });
    const matchId = (await findMatchFor(ana.id))!.match_id;
    const sessionId = (await api.startCall(kai, matchId)).json.session_id as string;
    await api.join(ana, sessionId);
    const res = await reportFromCall(ana, matchId, { report: callReport(sessionId), snapshot: new Blob([FRAME]) });
    expect(res.status).toBe(201);
    expect(await findMatchFor(kai.id)).toBeNull();
    expect(await findMatchFor(ana.id)).toBeNull();
  });

  it.each([
    ["no snapshot file", (s: string) => ({ report: callReport(s) }), 400],
    ["no report field", () => ({ snapshot: new Blob([FRAME]) }), 400],
    ["report that isn't JSON", () => ({ report: "{nope", snapshot: new Blob([FRAME]) }), 400],
    ["an unknown field", (s: string) => ({ report: callReport(s), snapshot: new Blob([FRAME]), extra: "x" }), 400],
    ["an unknown key in the report", (s: string) => ({ report: callReport(s, { evidence: 1 }), snapshot: new Blob([FRAME]) }), 400],
    ["an unknown snapshot_shown", (s: string) => ({ report: callReport(s, { snapshot_shown: "nice" }), snapshot: new Blob([FRAME]) }), 400],
    ["a snapshot without a session", () => ({ report: callReport("x", { session_id: undefined }), snapshot: new Blob([FRAME]) }), 400],
    ["a file that isn't an image", (s: string) => ({ report: callReport(s), snapshot: new Blob(["<svg onload=alert(1)>"]) }), 400],
    ["an empty file", (s: string) => ({ report: callReport(s), snapshot: new Blob([]) }), 400],
    ["a snapshot over 2 MB", (s: string) => ({ report: callReport(s), snapshot: new Blob([new Uint8Array(2 * 1024 * 1024 + 1)]) }), 413],
    ["a NUL in the details", (s: string) => ({ report: callReport(s, { details: "a\u0000b" }), snapshot: new Blob([FRAME]) }), 400],
  ])("refuses %s and changes nothing", async (_, parts, status) => {
    const { sarah, match, sessionId } = await activeCall();
    const before = await everything();
    const res = await reportFromCall(sarah, match.id, parts(sessionId));
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error: expect.any(String) });
    expect(await everything()).toBe(before);
  });

  it("refuses a stranger (404), the signed out (401) and a session of another match (404), changing nothing", async () => {
    const { sarah, match, sessionId } = await activeCall();
    const other = await activeCall();
    const stranger = await createMember({ name: "Eve" });
    const before = await everything();
    const parts = { report: callReport(sessionId), snapshot: new Blob([FRAME]) };
    expect((await reportFromCall(stranger, match.id, parts)).status).toBe(404);
    expect((await reportFromCall(null, match.id, parts)).status).toBe(401);
    expect((await reportFromCall(sarah, match.id, { report: callReport(other.sessionId), snapshot: new Blob([FRAME]) })).status).toBe(404);
    expect(await everything()).toBe(before);
  });

  it("refuses a cross-site multipart post with 403", async () => {
    const { sarah, match, sessionId } = await activeCall();
    const before = await everything();
    const { contentType, stream } = await multipart({ report: callReport(sessionId), snapshot: new Blob([FRAME]) });
    const res = await call(reportRoute.POST, "POST", {
      as: sarah,
      params: { match_id: String(match.id) },
      stream,
      contentType,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect(await everything()).toBe(before);
  });
});

describe("GET /api/admin/reports/{id}/snapshot", () => {
  async function reported() {
    const c = await activeCall();
    const res = await reportFromCall(c.sarah, c.match.id, {
      report: callReport(c.sessionId, { snapshot_shown: "no_picture" }),
      snapshot: new Blob([FRAME]),
    });
    expect(res.status).toBe(201);
    return { ...c, reportId: res.json.report_id as number };
  }

  it("admins get the JPEG, never cached, and each viewing writes an audit entry", async () => {
    const { reportId } = await reported();
    const admin = await createMember({ name: "Ada", role: "admin" });
    const res = await getSnapshot(admin, reportId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    await getSnapshot(admin, reportId);
    const audit = await prisma.auditLog.findMany({ where: { adminId: admin.id, action: "report.snapshot_view" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ targetType: "report", targetId: String(reportId) });
    expect(audit[0]!.data).toMatchObject({ shown: "no_picture" });
  });

  it("members — the reporter and the reported member included — get 403, the signed out 401, and nothing is audited", async () => {
    const { sarah, john, reportId } = await reported();
    const audit = await prisma.auditLog.count();
    expect((await getSnapshot(john, reportId)).status).toBe(403);
    expect((await getSnapshot(sarah, reportId)).status).toBe(403);
    expect((await getSnapshot(null, reportId)).status).toBe(401);
    expect(await prisma.auditLog.count()).toBe(audit);
  });

  it("404 for a report without a snapshot or no report; 400 for a malformed id", async () => {
    const admin = await createMember({ name: "Ada", role: "admin" });
    const { sarah, match } = await createPair();
    const plain = await call(reportRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, body: { reason: "spam" } });
    expect((await getSnapshot(admin, plain.json.report_id)).status).toBe(404);
    expect((await getSnapshot(admin, 2_000_000_000)).status).toBe(404);
    expect((await getSnapshot(admin, "1e3")).status).toBe(400);
  });

  it("is kept while open, and deleted 30 days after the report is resolved (refused from that moment)", async () => {
    const { reportId } = await reported();
    const admin = await createMember({ name: "Ada", role: "admin" });
    const resolved = await call(resolveRoute.POST, "POST", { as: admin, params: { report_id: String(reportId) }, body: { action: "dismiss", note: "Looked at it." } });
    expect(resolved.status).toBe(200);
    const resolvedAt = (await prisma.report.findUniqueOrThrow({ where: { id: reportId } })).resolvedAt!;

    const day = 24 * 60 * 60 * 1000;
    let restore = setClock(() => new Date(resolvedAt.getTime() + 30 * day - 1000));
    try {
      await purgeExpiredSnapshots();
      expect(await prisma.reportSnapshot.count({ where: { reportId } })).toBe(1);
      expect((await getSnapshot(admin, reportId)).status).toBe(200);
    } finally {
      restore();
    }
    restore = setClock(() => new Date(resolvedAt.getTime() + 30 * day));
    try {
      expect((await getSnapshot(admin, reportId)).status).toBe(404);
      expect(await purgeExpiredSnapshots()).toBeGreaterThanOrEqual(1);
      expect(await prisma.reportSnapshot.count({ where: { reportId } })).toBe(0);
      // The report itself stays.
      expect(await prisma.report.count({ where: { id: reportId } })).toBe(1);
    } finally {
      restore();
    }
  });
});
