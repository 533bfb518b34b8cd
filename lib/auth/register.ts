import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { hashPassword } from "@/lib/auth/password";
import { badRequest } from "@/lib/http/http-error";
import { Gender } from "@/lib/generated/prisma/enums";
import { ageOn } from "@/lib/profile/age";

export const GENDERS = Object.values(Gender) as [Gender, ...Gender[]];

const text = (label: string, max: number) =>
  z.string({ message: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);

export const signUpSchema = z
  .object({
    email: z.string({ message: "Email is required" }).trim().toLowerCase().max(254, "Email is too long").email("Enter a valid email address"),
    password: z.string({ message: "Password is required" }).min(8, "Password must be at least 8 characters").max(200, "Password must be at most 200 characters"),
    displayName: text("Name", 50),
    birthDate: z.iso.date("Birth date must be a date (YYYY-MM-DD)"),
    gender: z.enum(GENDERS, { message: "Choose a gender" }),
    interestedIn: z.array(z.enum(GENDERS)).min(1, "Choose who you want to meet").max(3),
    city: text("City", 80),
  })
  .strict();

export type SignUpInput = z.infer<typeof signUpSchema>;

// A sign-up form error like the others (400), per the issue; it does reveal that the email has an
// account, which every sign-up form must do one way or another.
const DUPLICATE_EMAIL = "An account with this email already exists. Try signing in.";

/** Creates a member with a profile. Throws HttpError 400; writes nothing on failure. */
export async function registerMember(input: SignUpInput) {
  const birth = new Date(`${input.birthDate}T00:00:00Z`);
  const age = ageOn(birth, now());
  if (age < 18) throw badRequest("You must be 18 or older to join Meetcute.");
  if (age > 120) throw badRequest("Enter your real birth date.");
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw badRequest(DUPLICATE_EMAIL);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email: input.email,
        passwordHash,
        profile: {
          create: {
            displayName: input.displayName,
            birthDate: birth,
            gender: input.gender,
            interestedIn: [...new Set(input.interestedIn)],
            city: input.city,
            interests: [],
          },
        },
      },
      select: { id: true, email: true },
    });
  } catch (err) {
    // Two sign-ups with the same email at once: the unique index decides.
    if ((err as { code?: string }).code === "P2002") throw badRequest(DUPLICATE_EMAIL);
    throw err;
  }
}
