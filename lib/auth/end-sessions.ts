import "server-only";
import type { Tx } from "@/lib/db";
import { revokeSessions } from "@/lib/auth/sign-in-sessions";
import { publishEvent } from "@/lib/events/publish";

/**
 * Ends every signed-in session of a member (a ban, a deleted account), inside the caller's
 * transaction: their SignInSession rows are revoked, so every old cookie answers 401, and once it
 * commits every instance drops its cached copy of the member and closes their event streams
 * (`member.signed_out`). The event goes out even when no session was left to end: the cached
 * member must drop all the same.
 */
export async function endAllSessionsOfMember(tx: Tx, userId: number, reason: "banned" | "signed_out"): Promise<void> {
  const ended = await revokeSessions(tx, userId, "all", reason);
  if (ended === 0 && reason !== "banned") await publishEvent(tx, { type: "member.signed_out", userIds: [userId], reason });
}
