// Test data written straight through Prisma, each member with a unique email so test files can
// share one database and run in parallel.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Gender, MatchStatus } from "@/lib/generated/prisma/enums";

// A precomputed argon2id hash of "password123" keeps factories fast.
const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2FqFVKQr2Z4bOVr3dA6o9kAEpZ1gqXk9W8c8e5m3bS0";

export interface MemberOptions {
  name?: string;
  gender?: Gender;
  interestedIn?: Gender[];
  birthDate?: string;
  city?: string;
  interests?: string[];
  role?: "member" | "admin";
  ageMin?: number;
  ageMax?: number;
  lastActiveAt?: Date;
  /** Members are confirmed unless this is false (an account that hasn't clicked its link yet). */
  emailVerified?: boolean;
}

export async function createMember(opts: MemberOptions = {}) {
  const name = opts.name ?? "Member";
  const user = await prisma.user.create({
    data: {
      email: `${name.toLowerCase()}-${randomUUID()}@test.meetcute`,
      passwordHash: PASSWORD_HASH,
      role: opts.role ?? "member",
      emailVerifiedAt: opts.emailVerified === false ? null : new Date(),
      lastActiveAt: opts.lastActiveAt ?? new Date(),
      profile: {
        create: {
          displayName: name,
          birthDate: new Date(`${opts.birthDate ?? "1994-05-05"}T00:00:00Z`),
          gender: opts.gender ?? "woman",
          interestedIn: opts.interestedIn ?? ["man"],
          city: opts.city ?? "Lisbon",
          interests: opts.interests ?? [],
          ageMin: opts.ageMin ?? 18,
          ageMax: opts.ageMax ?? 99,
        },
      },
    },
    select: { id: true, email: true, role: true },
  });
  return { ...user, name };
}

export async function createMatch(a: { id: number }, b: { id: number }, status: MatchStatus = "pending") {
  const [userAId, userBId] = [a.id, b.id].sort((x, y) => x - y);
  return prisma.match.create({ data: { userAId, userBId, status } });
}

/** Two members with a match between them: a woman and a man looking for each other. */
export async function createPair(status: MatchStatus = "pending") {
  const sarah = await createMember({ name: "Sarah", gender: "woman", interestedIn: ["man"] });
  const john = await createMember({ name: "John", gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(sarah, john, status);
  return { sarah, john, match };
}
