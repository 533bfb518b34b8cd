// The demo members, their pending match and an open report (so /admin isn't empty on day one).
import { PrismaPg } from "@prisma/adapter-pg";
import { hashPassword } from "../../lib/auth/password";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { Gender } from "../../lib/generated/prisma/enums";

export const DEMO_PASSWORD = "meetcute-demo";

interface DemoMember {
  email: string;
  name: string;
  birthDate: string;
  gender: Gender;
  interestedIn: Gender[];
  city: string;
  bio: string;
  interests: string[];
  role?: "admin";
}

export const DEMO_MEMBERS: DemoMember[] = [
  { email: "sarah@meetcute.test", name: "Sarah", birthDate: "1995-04-12", gender: "woman", interestedIn: ["man"], city: "Lisbon", bio: "Sunsets, sourdough and slightly too many houseplants.", interests: ["hiking", "cooking", "jazz", "travel"] },
  { email: "john@meetcute.test", name: "John", birthDate: "1993-09-03", gender: "man", interestedIn: ["woman"], city: "Lisbon", bio: "Runner, amateur chef, terrible at karaoke.", interests: ["running", "cooking", "jazz", "films"] },
  { email: "maya@meetcute.test", name: "Maya", birthDate: "1997-01-22", gender: "woman", interestedIn: ["woman", "man", "nonbinary"], city: "Porto", bio: "Bookshops and long walks by the river.", interests: ["books", "travel", "photography"] },
  { email: "alex@meetcute.test", name: "Alex", birthDate: "1994-06-30", gender: "nonbinary", interestedIn: ["woman", "nonbinary"], city: "Porto", bio: "Climbing in the morning, board games at night.", interests: ["climbing", "board games", "photography", "travel"] },
  { email: "admin@meetcute.test", name: "Admin", birthDate: "1990-01-01", gender: "nonbinary", interestedIn: [], city: "Lisbon", bio: "Keeping Meetcute kind.", interests: [], role: "admin" },
];

export async function seedDemo(connectionString: string, { log = console.log } = {}) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ids: Record<string, number> = {};
    await prisma.$transaction(async (tx) => {
      for (const m of DEMO_MEMBERS) {
        const profile = {
          displayName: m.name,
          birthDate: new Date(`${m.birthDate}T00:00:00Z`),
          gender: m.gender,
          interestedIn: m.interestedIn,
          city: m.city,
          bio: m.bio,
          interests: m.interests,
        };
        const user = await tx.user.upsert({
          where: { email: m.email },
          update: {},
          // Demo accounts are confirmed: they can be matched and call at once.
          create: { email: m.email, passwordHash, role: m.role ?? "member", emailVerifiedAt: new Date(), profile: { create: profile } },
          select: { id: true },
        });
        ids[m.name] = user.id;
      }
      const [a, b] = [ids.Sarah, ids.John].sort((x, y) => x - y);
      await tx.match.upsert({
        where: { userAId_userBId: { userAId: a, userBId: b } },
        update: {},
        create: { userAId: a, userBId: b, status: "pending", score: 0.8 },
      });
      const reports = await tx.report.count({ where: { reporterId: ids.Maya, reportedId: ids.Alex } });
      if (reports === 0) {
        await tx.report.create({
          data: {
            reporterId: ids.Maya,
            reportedId: ids.Alex,
            reason: "spam",
            details: "Demo report: kept sending the same link in their bio. (Seeded so the admin queue has something to show.)",
          },
        });
      }
    });
    log(`demo data ready: ${DEMO_MEMBERS.map((m) => m.email).join(", ")} (password: ${DEMO_PASSWORD})`);
  } finally {
    await prisma.$disconnect();
  }
}

export async function isEmpty(connectionString: string): Promise<boolean> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    return (await prisma.user.count()) === 0;
  } finally {
    await prisma.$disconnect();
  }
}
