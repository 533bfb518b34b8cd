// Who may use the admin API and the admin server actions: only a signed-in, unbanned admin.
// Signed-out and banned callers get 401, members 403 — and no response carries admin data.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/test/http";
import { createMember, createPair } from "@/test/factories";
import { api } from "@/test/api";
import * as statsRoute from "@/app/api/admin/stats/route";
import * as sessionsRoute from "@/app/api/admin/sessions/route";
import * as forceEndRoute from "@/app/api/admin/sessions/[session_id]/force-end/route";
import * as membersRoute from "@/app/api/admin/members/route";
import * as memberRoute from "@/app/api/admin/members/[user_id]/route";
import * as banRoute from "@/app/api/admin/members/[user_id]/ban/route";
import * as unbanRoute from "@/app/api/admin/members/[user_id]/unban/route";
import * as reportsRoute from "@/app/api/admin/reports/route";
import * as resolveRoute from "@/app/api/admin/reports/[report_id]/resolve/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import { banMemberAction, forceEndAction, resolveReportAction, unbanMemberAction } from "@/lib/admin/actions";
import { blockAction, reportAction, unmatchAction } from "@/lib/safety/actions";
import { actionSession as session } from "@/test/action-session";

// Server actions read the session through next-auth's getServerSession, which in a request reads
// the cookie from next/headers. Here it gets the same signed cookie a browser would send for
// `session.as`, decoded with the real next-auth code and secret (test/next-mocks.ts).
vi.hoisted(() => {
  process.env.NEXTAUTH_URL ??= "http://localhost";
});
vi.mock("next-auth", async (importOriginal) => (await import("@/test/next-mocks")).mockNextAuth(importOriginal as never));

let admin: { id: number; email: string };
let target: { id: number; email: string; name: string };
let reportId: number;
let sessionId: string;
let matchId: number;
let callers: Record<"signed out" | "member" | "banned member" | "banned admin", { id: number; role?: "member" | "admin" } | null>;

beforeAll(async () => {
  admin = await createMember({ name: "Root", role: "admin" });
  const pair = await createPair();
  target = pair.john;
  matchId = pair.match.id;
  sessionId = (await api.startCall(pair.sarah, pair.match.id)).json.session_id;
  reportId = (await prisma.report.create({ data: { reporterId: pair.sarah.id, reportedId: pair.john.id, matchId, reason: "spam", details: "secret-details-marker" } })).id;
  const member = await createMember({ name: "Plain" });
  const banned = await createMember({ name: "Gone" });
  const bannedAdmin = await createMember({ name: "ExAdmin", role: "admin" });
  await prisma.user.updateMany({ where: { id: { in: [banned.id, bannedAdmin.id] } }, data: { bannedAt: new Date(), banReason: "test" } });
  callers = {
    "signed out": null,
    member: { id: member.id },
    "banned member": { id: banned.id },
    // A JWT that still says "admin" is worth nothing once the account is banned.
    "banned admin": { id: bannedAdmin.id, role: "admin" },
  };
});

const expected = { "signed out": 401, member: 403, "banned member": 401, "banned admin": 401 } as const;
type Caller = keyof typeof expected;
type Who = { id: number; role?: "member" | "admin" } | null;
const CALLERS = Object.keys(expected) as Caller[];

// Anything that would only appear in a response that leaked admin data.
function assertNoAdminData(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of [admin.email, target.email, "secret-details-marker", sessionId, "members", "reports", "entries", "funnel"]) {
    expect(text).not.toContain(secret);
  }
}

const routes = () => [
  { name: "GET /api/admin/stats", run: (as: Who) => call(statsRoute.GET, "GET", { as }) },
  { name: "GET /api/admin/sessions", run: (as: Who) => call(sessionsRoute.GET, "GET", { as }) },
  {
    name: "POST /api/admin/sessions/{id}/force-end",
    run: (as: Who) => call(forceEndRoute.POST, "POST", { as, params: { session_id: sessionId }, body: {} }),
  },
  { name: "GET /api/admin/members", run: (as: Who) => call(membersRoute.GET, "GET", { as, path: "/api/admin/members?q=john" }) },
  { name: "GET /api/admin/members/{id}", run: (as: Who) => call(memberRoute.GET, "GET", { as, params: { user_id: String(target.id) } }) },
  {
    name: "POST /api/admin/members/{id}/ban",
    run: (as: Who) => call(banRoute.POST, "POST", { as, params: { user_id: String(target.id) }, body: { reason: "nope nope" } }),
  },
  { name: "POST /api/admin/members/{id}/unban", run: (as: Who) => call(unbanRoute.POST, "POST", { as, params: { user_id: String(target.id) }, body: {} }) },
  { name: "GET /api/admin/reports", run: (as: Who) => call(reportsRoute.GET, "GET", { as }) },
  {
    name: "POST /api/admin/reports/{id}/resolve",
    run: (as: Who) => call(resolveRoute.POST, "POST", { as, params: { report_id: String(reportId) }, body: { action: "ban", note: "bye bye" } }),
  },
  { name: "GET /api/admin/audit", run: (as: Who) => call(auditRoute.GET, "GET", { as }) },
];

const actions = () => [
  { name: "forceEndAction", run: () => forceEndAction(sessionId, "x") },
  { name: "banMemberAction", run: () => banMemberAction(target.id, "nope nope") },
  { name: "unbanMemberAction", run: () => unbanMemberAction(target.id) },
  { name: "resolveReportAction (ban)", run: () => resolveReportAction(reportId, "ban", "bye bye") },
  { name: "resolveReportAction (dismiss)", run: () => resolveReportAction(reportId, "dismiss", "fine") },
];

async function assertNothingChanged() {
  expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).bannedAt).toBeNull();
  expect((await prisma.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("open");
  expect((await prisma.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("ringing");
  expect(await prisma.auditLog.count({ where: { OR: [{ targetId: String(target.id) }, { targetId: String(reportId) }, { targetId: sessionId }] } })).toBe(0);
}

describe("admin API routes", () => {
  for (const as of CALLERS) {
    it(`${as} → ${expected[as]} from every route, with only an error in the body`, async () => {
      for (const r of routes()) {
        const res = await r.run(callers[as]);
        expect({ route: r.name, status: res.status }).toEqual({ route: r.name, status: expected[as] });
        expect(Object.keys(res.json)).toEqual(["error"]);
        assertNoAdminData(res.json);
      }
      await assertNothingChanged();
    });
  }

  it("an admin gets through (reads only here; the actions have their own tests)", async () => {
    for (const r of routes().filter((r) => r.name.startsWith("GET"))) {
      const res = await r.run({ id: admin.id, role: "admin" });
      expect({ route: r.name, status: res.status }).toEqual({ route: r.name, status: 200 });
    }
    const detail = await call(memberRoute.GET, "GET", { as: { id: admin.id }, params: { user_id: String(target.id) } });
    expect(detail.json.email).toBe(target.email);
  });

  it("a member whose JWT claims admin is still refused: the role is read from the database", async () => {
    const member = callers.member!;
    const res = await call(statsRoute.GET, "GET", { as: { id: member.id, role: "admin" } });
    expect(res.status).toBe(403);
    assertNoAdminData(res.json);
  });
});

describe("admin server actions", () => {
  for (const as of CALLERS) {
    it(`${as} → ${expected[as]} from every action, changing nothing`, async () => {
      session.as = callers[as];
      try {
        for (const a of actions()) {
          const result = await a.run();
          expect({ action: a.name, result }).toEqual({ action: a.name, result: { ok: false, status: expected[as], error: expect.any(String) } });
          assertNoAdminData(result);
        }
      } finally {
        session.as = null;
      }
      await assertNothingChanged();
    });
  }

  it("an admin's action goes through (the mock really carries the session)", async () => {
    const { sarah, match } = await createPair();
    const s = (await api.startCall(sarah, match.id)).json.session_id;
    session.as = { id: admin.id, role: "admin" };
    try {
      expect(await forceEndAction(s, "checking")).toEqual({ ok: true, data: { ended: true } });
    } finally {
      session.as = null;
    }
  });
});

describe("member safety actions", () => {
  it("need a signed-in, unbanned member: 401 otherwise, and nothing changes", async () => {
    const { match } = await createPair();
    for (const as of [null, callers["banned member"]]) {
      session.as = as;
      try {
        for (const result of [await unmatchAction(match.id), await blockAction(match.id), await reportAction(match.id, { reason: "spam" })]) {
          expect(result).toEqual({ ok: false, status: 401, error: expect.any(String) });
        }
      } finally {
        session.as = null;
      }
    }
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
    expect(await prisma.report.count({ where: { matchId: match.id } })).toBe(0);
  });

  it("work for a member of the match, with the same rules as the API", async () => {
    const { sarah, match } = await createPair();
    session.as = { id: sarah.id };
    try {
      expect(await reportAction(match.id, { reason: "nonsense" as never })).toMatchObject({ ok: false, status: 400 });
      expect(await reportAction(match.id, { reason: "spam", details: "z".repeat(1001) })).toMatchObject({ ok: false, status: 400 });
      expect(await reportAction(-1, { reason: "spam" })).toMatchObject({ ok: false, status: 400 });
      expect(await reportAction(match.id, { reason: "spam", sessionId: randomUUID() })).toMatchObject({ ok: false, status: 404 });
      expect(await prisma.report.count({ where: { matchId: match.id } })).toBe(0);
      expect(await reportAction(match.id, { reason: "spam", alsoBlock: true })).toEqual({ ok: true, data: { blocked: true } });
      expect(await unmatchAction(match.id)).toMatchObject({ ok: false, status: 404 });
    } finally {
      session.as = null;
    }
  });
});
