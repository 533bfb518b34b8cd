// Screenshots of every admin page at laptop size, over enough data to judge them: two weeks of
// calls and mutual matches, live calls, reports open and resolved, audit entries. They land in
// e2e/screenshots/ (git-ignored) for a person to look at.
import { expect, test } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, db, type TestMember } from "./support/db";

test.use({ viewport: { width: 1440, height: 900 } });

const DAY = 24 * 60 * 60_000;
const at = (daysAgo: number, hour: number) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.getTime() > Date.now() ? new Date(Date.now() - 60_000) : d;
};

async function history() {
  const women = await Promise.all(["Lena", "Ines", "Clara", "Sofia", "Eva"].map((n) => createMember(n, { gender: "woman", interestedIn: ["man"] })));
  const men = await Promise.all(["Tom", "Hugo", "Rui", "Marco", "Nuno"].map((n) => createMember(n, { gender: "man", interestedIn: ["woman"] })));
  let k = 0;
  for (const [wi, w] of women.entries()) {
    for (const [mi, m] of men.entries()) {
      k += 1;
      const daysAgo = (wi * 5 + mi) % 14;
      const mutual = k % 3 !== 0;
      const match = await createMatch(w, m, mutual ? "matched" : "passed");
      const started = at(daysAgo, 9 + (k % 10));
      const answered = new Date(started.getTime() + (4 + (k % 9)) * 1000);
      const talk = 25 + ((k * 7) % 35);
      await db.callSession.create({
        data: { matchId: match.id, callerId: w.id, calleeId: m.id, kind: "first", status: "completed", createdAt: started, answeredAt: answered, endedAt: new Date(answered.getTime() + talk * 1000), capSeconds: 60 },
      });
      // Some first calls were missed or declined before the one that connected.
      if (k % 4 === 0) {
        await db.callSession.create({
          data: { matchId: match.id, callerId: m.id, calleeId: w.id, kind: "first", status: k % 8 === 0 ? "declined" : "missed", createdAt: new Date(started.getTime() - 3600_000), endedAt: new Date(started.getTime() - 3590_000), capSeconds: 60 },
        });
      }
      await db.match.update({ where: { id: match.id }, data: { closedAt: new Date(answered.getTime() + 3600_000) } });
      if (mutual) {
        for (let r = 0; r < (k % 3) + 1; r++) {
          const t = at(Math.max(0, daysAgo - r - 1), 20);
          await db.callSession.create({
            data: { matchId: match.id, callerId: m.id, calleeId: w.id, kind: "repeat", status: "completed", createdAt: t, answeredAt: new Date(t.getTime() + 6000), endedAt: new Date(t.getTime() + 600_000) },
          });
        }
      }
    }
  }
  return { women, men };
}

async function liveCalls() {
  const [a, b, c, d] = await Promise.all([
    createMember("Marta", { gender: "woman", interestedIn: ["man"] }),
    createMember("Pedro", { gender: "man", interestedIn: ["woman"] }),
    createMember("Joana", { gender: "woman", interestedIn: ["man"] }),
    createMember("Diogo", { gender: "man", interestedIn: ["woman"] }),
  ]);
  const first = await createMatch(a, b);
  const repeat = await createMatch(c, d, "matched");
  const now = Date.now();
  await db.callSession.create({ data: { matchId: first.id, callerId: a.id, calleeId: b.id, kind: "first", status: "ringing", createdAt: new Date(now - 4000), capSeconds: 60 } });
  await db.callSession.create({
    data: { matchId: repeat.id, callerId: d.id, calleeId: c.id, kind: "repeat", status: "active", createdAt: new Date(now - 200_000), answeredAt: new Date(now - 192_000) },
  });
}

async function reports(women: TestMember[], men: TestMember[]) {
  const matches = await db.match.findMany({ where: { userAId: { in: [...women, ...men].map((m) => m.id) } }, include: { calls: { orderBy: { createdAt: "desc" }, take: 1 } }, take: 3 });
  const texts = [
    "Was rude on camera and made comments about my body within the first ten seconds. I ended the call.",
    "Profile photos look like a stock model, and the person on the call was clearly someone else.",
    "",
  ];
  const reasons = ["inappropriate_on_camera", "fake_profile", "spam"] as const;
  const ids: number[] = [];
  for (const [i, m] of matches.entries()) {
    const call = m.calls[0];
    const r = await db.report.create({
      data: {
        reporterId: m.userAId,
        reportedId: m.userBId,
        matchId: m.id,
        sessionId: call?.id,
        reason: reasons[i],
        details: texts[i] || null,
        evidence: call
          ? { session_id: call.id, source: i === 0 ? "call" : "match", kind: call.kind, status: call.status, started_at: call.createdAt.toISOString(), answered_at: call.answeredAt?.toISOString() ?? null, ended_at: call.endedAt?.toISOString() ?? null, duration_seconds: 42, calls_in_match: 2 }
          : undefined,
        createdAt: new Date(Date.now() - (3 - i) * 3600_000),
      },
    });
    ids.push(r.id);
  }
  return ids;
}

test("screenshots of every admin page", async ({ browser }) => {
  test.setTimeout(180_000);
  const { women, men } = await history();
  await liveCalls();
  const reportIds = await reports(women, men);
  const admin = await createMember("Ada", { role: "admin" });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await loginViaApi(context, admin.email, admin.password);

  // A few admin actions through the JSON API, so the audit log and the resolved tab have rows.
  const post = async (path: string, data: unknown) => expect((await context.request.post(path, { data })).status(), path).toBe(200);
  await post(`/api/admin/reports/${reportIds[2]}/resolve`, { action: "dismiss", note: "Looked at their bio: nothing against the rules." });
  await post(`/api/admin/members/${men[4].id}/ban`, { reason: "Spam: sending the same link to every match", note: "Three reports in a day" });
  await post(`/api/admin/members/${men[3].id}/ban`, { reason: "Mistaken identity" });
  await post(`/api/admin/members/${men[3].id}/unban`, { note: "Appeal accepted" });

  const page = await context.newPage();
  const shots: [string, string][] = [
    ["/admin", "admin-overview"],
    ["/admin/calls", "admin-live-calls"],
    ["/admin/members", "admin-members"],
    [`/admin/members?q=${encodeURIComponent("lena")}`, "admin-members-search"],
    [`/admin/members/${men[4].id}`, "admin-member-banned"],
    [`/admin/members/${women[0].id}`, "admin-member"],
    ["/admin/reports", "admin-reports"],
    ["/admin/reports?status=resolved", "admin-reports-resolved"],
    ["/admin/audit", "admin-audit"],
  ];
  for (const [path, name] of shots) {
    const res = await page.goto(path);
    expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
    await expect(page.getByRole("navigation", { name: "Admin" })).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  }

  // The member side of safety: the report dialog on a match card.
  const [sarah, john] = [await createMember("Sarah", { gender: "woman", interestedIn: ["man"] }), await createMember("John", { gender: "man", interestedIn: ["woman"] })];
  const match = await createMatch(sarah, john);
  const member = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await loginViaApi(member, sarah.email, sarah.password);
  const mp = await member.newPage();
  await mp.goto("/matches");
  const card = mp.locator(`[data-testid="match-card"][data-match-id="${match.id}"]`);
  await card.getByRole("button", { name: "Safety options for John" }).click();
  await mp.screenshot({ path: "e2e/screenshots/safety-menu.png" });
  await card.getByRole("menuitem", { name: "Report" }).click();
  await mp.getByRole("dialog").getByRole("radio", { name: "Harassment" }).check();
  await mp.getByRole("dialog").getByLabel(/Details/).fill("Kept calling after I passed.");
  await mp.screenshot({ path: "e2e/screenshots/safety-report-dialog.png" });
  await member.close();
  await context.close();
});
