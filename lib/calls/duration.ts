/** How long a call's two members talked, in whole seconds: from the answer to the end (0 if either is missing). */
export function durationSeconds(answeredAt: Date | null, endedAt: Date | null): number {
  if (!answeredAt || !endedAt) return 0;
  return Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000));
}
