/** Where a stored profile photo is served (app/api/photos/[name]); null without a photo. */
export function photoUrl(photoPath: string | null | undefined): string | null {
  return photoPath ? `/api/photos/${encodeURIComponent(photoPath)}` : null;
}
