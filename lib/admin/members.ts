import "server-only";
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { lockMemberToWithdraw, withdrawMemberFromCalls } from "@/lib/calls/end-by-system";
import { durationSeconds } from "@/lib/calls/duration";
import { ageOn } from "@/lib/profile/age";
import { writeAudit } from "@/lib/admin/audit";
import { endAllSessionsOfMember } from "@/lib/auth/end-sessions";
import { transaction } from "@/lib/db/transaction";
import { shownName } from "@/lib/account/deleted-member";

const MEMBERS_PAGE_SIZE = 25;

export const adminNote = z.string().trim().max(1000, "note must be at most 1000 characters").optional();
export const banInput = z
  .object({
    reason: z.string().trim().min(3, "reason must be at least 3 characters").max(500, "reason must be at most 500 characters"),
    note: adminNote,
  })
  .strict();
export const unbanInput = z.object({ note: adminNote }).strict();

export interface MemberRow {
  id: number;
  name: string;
  email: string;
  role: "member" | "admin";
  city: string;
  created_at: string;
  last_active_at: string;
  banned_at: string | null;
  deleted_at: string | null;
  open_reports: number;
}

/** Search by display name or email (case-insensitive, substring), newest first, one page at a time. */
export async function searchMembers(q: string | undefined, page = 1) {
  const term = q?.trim();
  // `contains` becomes LIKE '%term%' without escaping: "_" or "%" would match everyone.
  const pattern = term?.replace(/[\\%_]/g, "\\$&");
  const where: Prisma.UserWhereInput = pattern
    ? {
        OR: [
          { email: { contains: pattern, mode: "insensitive" } },
          { profile: { displayName: { contains: pattern, mode: "insensitive" } } },
        ],
      }
    : {};
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * MEMBERS_PAGE_SIZE,
      take: MEMBERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        role: true,
        createdAt: true,
        lastActiveAt: true,
        bannedAt: true,
        deletedAt: true,
        profile: { select: { displayName: true, city: true } },
        _count: { select: { reportsReceived: { where: { status: "open" } } } },
      },
    }),
  ]);
  const members: MemberRow[] = users.map((u) => ({
    id: u.id,
    name: shownName(u, u.email),
    email: u.email,
    role: u.role,
    city: u.profile?.city ?? "",
    created_at: u.createdAt.toISOString(),
    last_active_at: u.lastActiveAt.toISOString(),
    banned_at: u.bannedAt?.toISOString() ?? null,
    deleted_at: u.deletedAt?.toISOString() ?? null,
    open_reports: u._count.reportsReceived,
  }));
  return { members, total, page, pages: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)), q: term ?? "" };
}

type Person = { id: number; email: string; deletedAt: Date | null; profile: { displayName: string } | null };
const nameOf = (u: Person) => shownName(u, u.email);
/** A reporter who deleted their account is gone from the report (null): shown anonymised. */
const personRef = (u: Person | null) => ({ id: u?.id ?? null, name: shownName(u) });
const person = { select: { id: true, email: true, bannedAt: true, deletedAt: true, profile: { select: { displayName: true } } } } as const;

/** Everything the member page shows: profile, matches, last calls, reports both ways. */
export async function memberDetail(userId: number) {
  const u = await prisma.user.findUnique({
    where: { id: userId },
    include: {
      profile: true,
      matchesAsA: { include: { userB: person }, orderBy: { createdAt: "desc" }, take: 50 },
      matchesAsB: { include: { userA: person }, orderBy: { createdAt: "desc" }, take: 50 },
      reportsReceived: { include: { reporter: person }, orderBy: { createdAt: "desc" }, take: 50 },
      reportsMade: { include: { reported: person }, orderBy: { createdAt: "desc" }, take: 50 },
    },
  });
  if (!u) throw notFound("Member not found.");
  const calls = await prisma.callSession.findMany({
    where: { OR: [{ callerId: userId }, { calleeId: userId }] },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { caller: person, callee: person },
  });
  const matches = [
    ...u.matchesAsA.map((m) => ({ m, other: m.userB })),
    ...u.matchesAsB.map((m) => ({ m, other: m.userA })),
  ]
    .sort((a, b) => b.m.createdAt.getTime() - a.m.createdAt.getTime())
    .map(({ m, other }) => ({
      match_id: m.id,
      status: m.status,
      created_at: m.createdAt.toISOString(),
      other: { id: other.id, name: nameOf(other), banned: !!other.bannedAt },
    }));
  const p = u.profile;
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    created_at: u.createdAt.toISOString(),
    last_active_at: u.lastActiveAt.toISOString(),
    banned_at: u.bannedAt?.toISOString() ?? null,
    ban_reason: u.banReason,
    deleted_at: u.deletedAt?.toISOString() ?? null,
    name: nameOf(u),
    profile: p
      ? {
          name: p.displayName,
          age: ageOn(p.birthDate, now()),
          gender: p.gender,
          interested_in: p.interestedIn,
          age_range: [p.ageMin, p.ageMax] as const,
          city: p.city,
          bio: p.bio,
          interests: p.interests,
        }
      : null,
    matches,
    calls: calls.map((c) => {
      const other = c.callerId === userId ? c.callee : c.caller;
      return {
        session_id: c.id,
        match_id: c.matchId,
        kind: c.kind,
        status: c.status,
        role: c.callerId === userId ? ("caller" as const) : ("callee" as const),
        other: { id: other.id, name: nameOf(other) },
        started_at: c.createdAt.toISOString(),
        duration_seconds: durationSeconds(c.answeredAt, c.endedAt),
        end_reason: c.endReason,
      };
    }),
    reports_received: u.reportsReceived.map((r) => ({
      id: r.id,
      reason: r.reason,
      status: r.status,
      created_at: r.createdAt.toISOString(),
      details: r.details,
      by: personRef(r.reporter),
    })),
    reports_made: u.reportsMade.map((r) => ({
      id: r.id,
      reason: r.reason,
      status: r.status,
      created_at: r.createdAt.toISOString(),
      details: r.details,
      about: personRef(r.reported),
    })),
  };
}

export interface BanEffects {
  ended_sessions: string[];
  closed_matches: number[];
}

/**
 * The ban itself, inside the caller's transaction (a ban from the reports queue is audited as
 * that report's resolution). Locks the member and all their matches first, so no call can start
 * or be answered on them halfway through; then ends their ringing/active calls and closes their
 * pending matches — those can never get their first call now. Mutual matches stay, so an unban
 * restores them; nobody can call a banned member meanwhile and the engine skips them.
 */
export async function banInTx(tx: Tx, adminId: number, userId: number, reason: string): Promise<BanEffects> {
  const target = await lockMemberToWithdraw(tx, userId);
  if (!target.length) throw notFound("Member not found.");
  if (target[0].deletedAt) throw conflict("This account is deleted.", "deleted");
  if (target[0].role === "admin") throw conflict("Admins can't be banned. Remove their admin role first.", "is_admin");
  if (target[0].bannedAt) throw conflict("This member is already banned.", "already_banned");

  // Matches locked in id order, so two bans that share a match take its lock in the same order (no deadlock).
  const effects = await withdrawMemberFromCalls(tx, userId, adminId, "banned");
  await tx.user.update({ where: { id: userId }, data: { bannedAt: now(), banReason: reason } });
  // Closes the member's push channels on every instance once the ban commits.
  await endAllSessionsOfMember(tx, userId, "banned");
  return effects;
}

export async function banMember(adminId: number, userId: number, raw: z.input<typeof banInput>) {
  const input = parse(banInput, raw);
  const effects = await transaction(async (tx) => {
    const effects = await banInTx(tx, adminId, userId, input.reason);
    await writeAudit(tx, {
      adminId,
      action: "member.ban",
      targetType: "user",
      targetId: userId,
      note: input.note,
      data: { reason: input.reason, ...effects },
    });
    return effects;
  });
  log.info({ adminId, userId, ...effects }, "member banned");
  return { user_id: userId, banned: true, ...effects };
}

export async function unbanMember(adminId: number, userId: number, raw: z.input<typeof unbanInput> = {}) {
  const input = parse(unbanInput, raw);
  await transaction(async (tx) => {
    const target = await tx.$queryRaw<{ bannedAt: Date | null; banReason: string | null }[]>`
      SELECT "bannedAt", "banReason" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (!target.length) throw notFound("Member not found.");
    if (!target[0].bannedAt) throw conflict("This member isn't banned.", "not_banned");
    await tx.user.update({ where: { id: userId }, data: { bannedAt: null, banReason: null } });
    await writeAudit(tx, {
      adminId,
      action: "member.unban",
      targetType: "user",
      targetId: userId,
      note: input.note,
      data: { previous_reason: target[0].banReason, banned_at: target[0].bannedAt.toISOString() },
    });
  });
  log.info({ adminId, userId }, "member unbanned");
  return { user_id: userId, banned: false };
}
