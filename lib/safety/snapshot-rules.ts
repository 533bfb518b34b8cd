// What a report's snapshot is and how long it lives. No `server-only`: the call page's capture
// and the admin pages name the same values.

/** What the reporter's screen showed of the other member when they reported. */
export const SNAPSHOT_SHOWN = ["picture", "blurred", "no_picture"] as const;
export type SnapshotShownValue = (typeof SNAPSHOT_SHOWN)[number];

/** How the admin page says what the snapshot is. */
export const SNAPSHOT_SHOWN_LABEL: Record<SnapshotShownValue, string> = {
  picture: "The other member's picture, as the reporter saw it",
  blurred: "Blurred on the reporter's screen: this is what the reporter saw",
  no_picture: "Camera off or no picture yet: this is the stand-in the reporter saw",
};

/** The largest snapshot upload accepted (a 1280×720 JPEG from a canvas is well under 1 MB). */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;

/** A snapshot is deleted this many days after its report is resolved (docs/data-retention.md). */
export const SNAPSHOT_RETENTION_DAYS = 30;

/** When a report's snapshot must be gone: 30 days after it was resolved; never while open. */
export function snapshotDeleteAfter(resolvedAt: Date | null): Date | null {
  return resolvedAt ? new Date(resolvedAt.getTime() + SNAPSHOT_RETENTION_DAYS * 24 * 60 * 60 * 1000) : null;
}

export function snapshotExpired(resolvedAt: Date | null, at: Date): boolean {
  const after = snapshotDeleteAfter(resolvedAt);
  return after !== null && at.getTime() >= after.getTime();
}
