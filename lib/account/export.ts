import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/http/http-error";
import { durationSeconds } from "@/lib/calls/duration";
import { photoUrl } from "@/lib/profile/photo-url";
import { shownName } from "@/lib/account/deleted-member";

// Everything Meetcute holds about one member, for them to download (GDPR Art. 15 and 20). Their
// own rows in full; of anyone else, only the display name they would see on the site. Never the
// other member's decision on a match, their email, profile or devices, nor admins' notes.

export const EXPORT_FORMAT = "meetcute-account-export/1";

const other = { select: { deletedAt: true, profile: { select: { displayName: true } } } } as const;

/** The member's sign-in sessions, signed out ones included; never a session's id (it is in the cookie). */
async function signInSessionsOf(userId: number) {
  const rows = await prisma.signInSession.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, lastSeenAt: true, userAgent: true, timeZone: true, network: true, revokedAt: true },
  });
  return {
    sessions: rows.map((r) => ({
      user_agent: r.userAgent,
      time_zone: r.timeZone,
      network: r.network,
      signed_in_at: r.createdAt.toISOString(),
      last_seen_at: r.lastSeenAt.toISOString(),
      signed_out_at: r.revokedAt?.toISOString() ?? null,
    })),
  };
}

export async function accountExport(userId: number) {
  const u = await prisma.user.findUnique({
    where: { id: userId },
    include: {
      profile: true,
      photos: { orderBy: { createdAt: "asc" } },
      pushDevices: { orderBy: { id: "asc" }, select: { id: true, userAgent: true, createdAt: true, lastUsedAt: true } },
      matchesAsA: { include: { userB: other }, orderBy: { id: "asc" } },
      matchesAsB: { include: { userA: other }, orderBy: { id: "asc" } },
      reportsMade: { include: { reported: other }, orderBy: { id: "asc" } },
      blocksMade: { include: { blocked: other }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!u || u.deletedAt) throw notFound("Account not found.");
  const calls = await prisma.callSession.findMany({
    where: { OR: [{ callerId: userId }, { calleeId: userId }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, matchId: true, kind: true, status: true, callerId: true, createdAt: true, answeredAt: true, endedAt: true, endReason: true, capSeconds: true },
  });
  const p = u.profile;
  const matches = [
    ...u.matchesAsA.map((m) => ({ m, mine: { decision: m.decisionA, at: m.decidedAAt }, otherUser: m.userB })),
    ...u.matchesAsB.map((m) => ({ m, mine: { decision: m.decisionB, at: m.decidedBAt }, otherUser: m.userA })),
  ].sort((a, b) => a.m.id - b.m.id);

  return {
    format: EXPORT_FORMAT,
    exported_at: now().toISOString(),
    account: {
      id: u.id,
      email: u.email,
      role: u.role,
      created_at: u.createdAt.toISOString(),
      last_active_at: u.lastActiveAt.toISOString(),
      do_not_disturb_until: u.dndUntil?.toISOString() ?? null,
      banned_at: u.bannedAt?.toISOString() ?? null,
      ban_reason: u.banReason,
    },
    profile: p
      ? {
          display_name: p.displayName,
          birth_date: p.birthDate.toISOString().slice(0, 10),
          gender: p.gender,
          interested_in: p.interestedIn,
          age_range: [p.ageMin, p.ageMax],
          city: p.city,
          bio: p.bio,
          interests: p.interests,
          photo_url: photoUrl(p.photoPath),
          updated_at: p.updatedAt.toISOString(),
        }
      : null,
    // The photo's bytes themselves, so the file stands alone.
    photos: u.photos.map((ph) => ({
      name: ph.name,
      current: ph.name === p?.photoPath,
      content_type: ph.contentType,
      size_bytes: ph.size,
      uploaded_at: ph.createdAt.toISOString(),
      data_url: `data:${ph.contentType};base64,${Buffer.from(ph.bytes).toString("base64")}`,
    })),
    matches: matches.map(({ m, mine, otherUser }) => ({
      match_id: m.id,
      status: m.status,
      created_at: m.createdAt.toISOString(),
      closed_at: m.closedAt?.toISOString() ?? null,
      other_member: { name: shownName(otherUser) },
      // Your own decision only: the other member's is theirs.
      my_decision: mine.decision,
      my_decision_at: mine.at?.toISOString() ?? null,
    })),
    calls: calls.map((c) => ({
      session_id: c.id,
      match_id: c.matchId,
      kind: c.kind,
      status: c.status,
      i_called: c.callerId === userId,
      started_at: c.createdAt.toISOString(),
      answered_at: c.answeredAt?.toISOString() ?? null,
      ended_at: c.endedAt?.toISOString() ?? null,
      duration_seconds: durationSeconds(c.answeredAt, c.endedAt),
      cap_seconds: c.capSeconds,
      end_reason: c.endReason,
    })),
    reports_filed: u.reportsMade.map((r) => ({
      id: r.id,
      about: { name: shownName(r.reported) },
      match_id: r.matchId,
      session_id: r.sessionId,
      reason: r.reason,
      details: r.details,
      status: r.status,
      created_at: r.createdAt.toISOString(),
      resolved_at: r.resolvedAt?.toISOString() ?? null,
    })),
    blocks_made: u.blocksMade.map((b) => ({ member: { name: shownName(b.blocked) }, created_at: b.createdAt.toISOString() })),
    // Which browsers get call alerts; never their push endpoint or keys.
    push_devices: u.pushDevices.map((d) => ({
      id: d.id,
      user_agent: d.userAgent,
      created_at: d.createdAt.toISOString(),
      last_used_at: d.lastUsedAt?.toISOString() ?? null,
    })),
    sign_in_sessions: await signInSessionsOf(userId),
  };
}

export type AccountExport = Awaited<ReturnType<typeof accountExport>>;
