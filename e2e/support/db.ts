// Journey fixtures write straight to the e2e database through Prisma (as cal.com's do), never
// through a mocked API.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { hashPassword } from "../../lib/auth/password";
import type { Gender, MatchStatus } from "../../lib/generated/prisma/enums";

const url = process.env.E2E_DATABASE_URL;
if (!url) throw new Error("E2E_DATABASE_URL is not set: run the journeys through `npm test`.");

export const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });

export const TEST_PASSWORD = "journey-password-1";
let passwordHash: Promise<string> | undefined;

export interface TestMember {
  id: number;
  email: string;
  name: string;
  password: string;
}

export async function createMember(
  name: string,
  opts: { gender?: Gender; interestedIn?: Gender[]; role?: "member" | "admin"; city?: string; interests?: string[] } = {},
  client: PrismaClient = db,
): Promise<TestMember> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@journey.meetcute`;
  const user = await client.user.create({
    data: {
      email,
      passwordHash: await passwordHash,
      role: opts.role ?? "member",
      emailVerifiedAt: new Date(),
      profile: {
        create: {
          displayName: name,
          birthDate: new Date("1994-05-05T00:00:00Z"),
          gender: opts.gender ?? "woman",
          interestedIn: opts.interestedIn ?? ["man"],
          city: opts.city ?? "Lisbon",
          interests: opts.interests ?? ["jazz", "cooking"],
        },
      },
    },
  });
  return { id: user.id, email, name, password: TEST_PASSWORD };
}

export async function createMatch(a: TestMember, b: TestMember, status: MatchStatus = "pending", client: PrismaClient = db) {
  const [userAId, userBId] = [a.id, b.id].sort((x, y) => x - y);
  return client.match.create({ data: { userAId, userBId, status } });
}

/** A caller and a callee with a match (pending unless said), unique to this test; `client` for another database. */
export async function createPair(callerName = "Sarah", calleeName = "John", { status = "pending" as MatchStatus, client = db } = {}) {
  const caller = await createMember(callerName, { gender: "woman", interestedIn: ["man"] }, client);
  const callee = await createMember(calleeName, { gender: "man", interestedIn: ["woman"] }, client);
  const match = await createMatch(caller, callee, status, client);
  return { caller, callee, match };
}
