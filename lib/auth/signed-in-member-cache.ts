import "server-only";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { activeRefreshDue, loadMember, readMember, refreshLastActive, type Member, type MemberRecord } from "@/lib/auth/member";
import { memberAnswerCache } from "@/lib/events/member-answer-cache";
import { MEMBER_RECORD_EVENTS } from "@/lib/events/types";

// The signed-in member for route handlers without a database read per request. A ban publishes
// `member.signed_out` naming the member (lib/admin/members.ts) in the ban's own transaction, so
// every instance drops its entry within the NOTIFY delivery time (milliseconds) of the commit;
// a profile change or an email confirmation publishes `member.changed` (lib/profile,
// lib/auth/email-confirmation.ts), a deletion or password reset `member.signed_out`; only those
// two drop it (a call or match event changes nothing here), and an entry lives at most MEMBER_TTL_MS.
// Banned and deleted accounts are never cached, so an unban takes effect at once. While the
// event listener is down this is loadMember exactly: a database read per request.

/**
 * Safety net only: every change to what is cached announces itself. Long, because a tab with a
 * healthy stream polls every 20 s: a TTL shorter than a few polls makes most polls a cache miss
 * (30 s gave the bench's poll a database read on about half its requests).
 */
export const MEMBER_TTL_MS = 5 * 60_000;

// A record's `lastActiveAt` is when this process last saw or set the member's last_active.
const cache = memberAnswerCache<MemberRecord | null>({ ttlMs: MEMBER_TTL_MS, droppedBy: MEMBER_RECORD_EVENTS });

/** Refreshes last_active in the background: it must not cost the request a round trip. */
function touch(entry: MemberRecord, t: Date): void {
  if (!activeRefreshDue(entry.lastActiveAt, t)) return;
  entry.lastActiveAt = t;
  refreshLastActive(entry.member.id, t).catch((err) => log.warn({ err, userId: entry.member.id }, "last-active refresh failed"));
}

/** loadMember, answered from memory while member events keep the answer correct. */
export async function loadMemberCached(userId: number): Promise<Member | null> {
  const entry = await cache.read(userId, async (caching) => {
    if (!caching) {
      // Listener down: exactly loadMember (its refresh awaited), nothing kept.
      const member = await loadMember(userId);
      return { value: member && { member, lastActiveAt: now() }, keep: false };
    }
    const record = await readMember(userId);
    return { value: record, keep: record !== null };
  });
  if (!entry) return null;
  touch(entry, now());
  return entry.member;
}
