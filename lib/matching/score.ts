// Compatibility + activity, as one pure function (documented in docs/architecture.md, Matching).
//
//   score = 0.40·interests + 0.25·ageFit + 0.15·sameCity + 0.20·activity      (each part in [0, 1])
//
//   interests: Jaccard overlap of the two interest sets (case-insensitive); 0 when both are empty
//   ageFit:    how central each one's age sits in the other's wanted range (1 at the middle,
//              falling linearly to 0.5 at the edges), averaged both ways
//   sameCity:  1 when the cities match (case/space-insensitive), else 0
//   activity:  exp(-hours since the candidate was last active / 24): 1 now, 0.37 a day ago
//
// Hard filters (gender both ways, age inside both ranges, never blocked, never matched before,
// not banned) are applied before scoring; a candidate who fails them is never scored.
import type { Gender } from "@/lib/generated/prisma/enums";
import { ageOn } from "@/lib/profile/age";

export interface Candidate {
  gender: Gender;
  interestedIn: Gender[];
  birthDate: Date;
  ageMin: number;
  ageMax: number;
  city: string;
  interests: string[];
  lastActiveAt: Date;
}

export const WEIGHTS = { interests: 0.4, ageFit: 0.25, sameCity: 0.15, activity: 0.2 } as const;

/** Both ways: each one's gender is wanted by the other, and each one's age is inside the other's range. */
export function fitsBothWays(a: Candidate, b: Candidate, at: Date): boolean {
  const ageA = ageOn(a.birthDate, at);
  const ageB = ageOn(b.birthDate, at);
  return (
    a.interestedIn.includes(b.gender) &&
    b.interestedIn.includes(a.gender) &&
    ageB >= a.ageMin &&
    ageB <= a.ageMax &&
    ageA >= b.ageMin &&
    ageA <= b.ageMax
  );
}

export function interestOverlap(a: string[], b: string[]): number {
  const A = new Set(a.map(normalize));
  const B = new Set(b.map(normalize));
  if (A.size === 0 && B.size === 0) return 0;
  let shared = 0;
  for (const x of A) if (B.has(x)) shared += 1;
  return shared / (A.size + B.size - shared);
}

function rangeCentrality(age: number, min: number, max: number): number {
  if (age < min || age > max) return 0;
  const half = (max - min) / 2;
  if (half === 0) return 1;
  const mid = (min + max) / 2;
  return 1 - 0.5 * (Math.abs(age - mid) / half);
}

export function ageFit(a: Candidate, b: Candidate, at: Date): number {
  const ageA = ageOn(a.birthDate, at);
  const ageB = ageOn(b.birthDate, at);
  return (rangeCentrality(ageB, a.ageMin, a.ageMax) + rangeCentrality(ageA, b.ageMin, b.ageMax)) / 2;
}

export function activity(lastActiveAt: Date, at: Date): number {
  const hours = Math.max(0, (at.getTime() - lastActiveAt.getTime()) / 3_600_000);
  return Math.exp(-hours / 24);
}

const normalize = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** Score of `candidate` for `member`, in [0, 1]. Assumes `fitsBothWays` already holds. */
export function compatibilityScore(member: Candidate, candidate: Candidate, at: Date): number {
  const parts = {
    interests: interestOverlap(member.interests, candidate.interests),
    ageFit: ageFit(member, candidate, at),
    sameCity: normalize(member.city) === normalize(candidate.city) ? 1 : 0,
    activity: activity(candidate.lastActiveAt, at),
  };
  const score =
    WEIGHTS.interests * parts.interests +
    WEIGHTS.ageFit * parts.ageFit +
    WEIGHTS.sameCity * parts.sameCity +
    WEIGHTS.activity * parts.activity;
  return Math.round(score * 1000) / 1000;
}
