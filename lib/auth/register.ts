import "server-only";
import { z } from "zod";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { sendConfirmation } from "@/lib/auth/email-confirmation";
import { sendMailAfterCommit } from "@/lib/email/mailer";
import { alreadyRegisteredMail, siteUrl } from "@/lib/email/templates";
import { rateLimit } from "@/lib/http/rate-limit";
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

/** What sign-up answers for a new and an already registered email alike. */
export const CHECK_YOUR_INBOX = "Check your inbox: we've sent you a link to confirm your email.";

/** "You already have an account" mails per address per hour: a form can't be used to bomb an inbox. */
const ALREADY_REGISTERED_MAILS = { limit: 3, windowMs: 60 * 60_000 };

/**
 * Signs up a member, answering the same whether or not the email has an account, so the form
 * tells nobody who is a member. A new email gets an account with a profile and a confirmation
 * link; a registered one gets a "you already have an account" mail instead, and nothing else
 * changes. Both hash the password, so they cost the same time. Throws HttpError 400 for invalid
 * input (which says nothing about the email).
 */
export async function registerMember(input: SignUpInput): Promise<void> {
  const birth = new Date(`${input.birthDate}T00:00:00Z`);
  const age = ageOn(birth, now());
  if (age < 18) throw badRequest("You must be 18 or older to join Meetcute.");
  if (age > 120) throw badRequest("Enter your real birth date.");
  const passwordHash = await hashPassword(input.password);
  try {
    await transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (existing) return alreadyRegistered(tx, input.email);
      const user = await tx.user.create({
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
      await sendConfirmation(tx, { id: user.id, email: user.email, name: input.displayName });
    });
  } catch (err) {
    // Two sign-ups with the same email at once: the unique index decides, and the loser is told
    // what every registered email is told.
    if ((err as { code?: string }).code !== "P2002") throw err;
    await transaction((tx) => alreadyRegistered(tx, input.email));
  }
}

async function alreadyRegistered(tx: Tx, email: string): Promise<void> {
  if (!(await rateLimit(`signup-existing:${createHash("sha256").update(email).digest("base64url")}`, ALREADY_REGISTERED_MAILS))) return;
  sendMailAfterCommit(tx, alreadyRegisteredMail(email, `${siteUrl()}/signin`, `${siteUrl()}/forgot-password`));
}
