import "server-only";
import type { Tx } from "@/lib/db";
import { publishEvent } from "@/lib/events/publish";

/**
 * Ends every signed-in session of a member, inside the caller's transaction: once it commits,
 * every instance drops its cached copy of the member (any event naming them does,
 * lib/events/member-cache.ts) and closes their event streams (`member.signed_out`).
 *
 * Today a session is a next-auth JWT that cannot be revoked by itself; what ends it is the state
 * the caller just wrote (a ban, a deleted account), which makes every request with the old cookie
 * answer 401 (lib/auth/member.ts readMember). When sessions are rows of their own, deleting or
 * revoking this member's rows belongs here, so every caller (deletion, ban, password change)
 * ends sessions the same way.
 */
export async function endAllSessionsOfMember(tx: Tx, userId: number, reason: "banned" | "signed_out"): Promise<void> {
  await publishEvent(tx, { type: "member.signed_out", userIds: [userId], reason });
}
