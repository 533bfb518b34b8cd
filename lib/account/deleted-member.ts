// How a deleted account shows to everyone else. Pure (no `server-only`): server views and their
// components use the same words. A deleted member's User row stays (docs/data-retention.md), with
// no profile, so every place that names a member asks here rather than falling back on its own.

export const DELETED_MEMBER_NAME = "Deleted member";

export interface Nameable {
  deletedAt: Date | null;
  profile: { displayName: string } | null;
}

/**
 * The member's display name, "Deleted member" once the account is deleted (or the row is gone,
 * e.g. a report whose reporter left), or `fallback` for an account without a profile.
 */
export function shownName(user: Nameable | null, fallback = "Member"): string {
  if (!user || user.deletedAt) return DELETED_MEMBER_NAME;
  return user.profile?.displayName ?? fallback;
}
