// Refused requests, as the edge-rule tests check them: the status and the one `{ error }` shape,
// and a snapshot of everything a refused request could have touched, to prove it changed nothing.
import { expect } from "vitest";
import { prisma } from "@/lib/db";

/** Everything a refused request could have touched. */
export async function snapshot() {
  const [sessions, matches, reports, profiles, users, signals] = await Promise.all([
    prisma.callSession.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    prisma.match.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    prisma.report.count(),
    prisma.profile.findMany({ orderBy: { userId: "asc" }, select: { userId: true, displayName: true, bio: true } }),
    prisma.user.count(),
    prisma.callSignal.count(),
  ]);
  return JSON.stringify({ sessions, matches, reports, profiles, users, signals });
}

export function expectRefused(res: { status: number; json: unknown }, status: number, message?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ error: expect.any(String) });
  if (message) expect((res.json as { error: string }).error).toMatch(message);
}
