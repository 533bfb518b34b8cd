import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { publishEvent } from "@/lib/events/publish";
import { now } from "@/lib/clock";
import { badRequest, notFound } from "@/lib/http/http-error";
import { GENDERS } from "@/lib/auth/register";
import { photoUrl } from "@/lib/profile/photo-url";
import { ageOn } from "@/lib/profile/age";
import { MAX_BIO_LENGTH, MAX_INTEREST_LENGTH, MAX_INTERESTS } from "@/lib/profile/limits";
import type { Gender } from "@/lib/generated/prisma/enums";

const text = (label: string, max: number) =>
  z.string({ message: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);

const age = (label: string) =>
  z.coerce.number({ message: `${label} must be a number` }).int(`${label} must be a whole number`).min(18, `${label} must be at least 18`).max(99, `${label} must be at most 99`);

/** One interest tag: trimmed, inner spaces collapsed, lower-case, so "Board  Games" = "board games". */
const interest = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, " ").toLowerCase())
  .pipe(z.string().min(1, "Interests can't be empty").max(MAX_INTEREST_LENGTH, `Each interest must be at most ${MAX_INTEREST_LENGTH} characters`));

/**
 * The editable part of a profile (camelCase like the sign-up body it extends). Every field is
 * optional, so the API can PATCH one field; the profile form sends them all. Birth date and
 * gender are fixed at sign-up.
 */
export const profileUpdateSchema = z
  .object({
    displayName: text("Name", 50),
    bio: z.string({ message: "Bio must be text" }).trim().max(MAX_BIO_LENGTH, `Bio must be at most ${MAX_BIO_LENGTH} characters`),
    city: text("City", 80),
    interests: z
      .array(interest, { message: "Interests must be a list" })
      .max(MAX_INTERESTS * 2, `At most ${MAX_INTERESTS} interests`)
      .transform((list) => [...new Set(list)])
      .pipe(z.array(z.string()).max(MAX_INTERESTS, `At most ${MAX_INTERESTS} interests`)),
    interestedIn: z
      .array(z.enum(GENDERS, { message: "Choose who you want to meet" }), { message: "Choose who you want to meet" })
      .min(1, "Choose who you want to meet")
      .max(3)
      .transform((list) => [...new Set(list)]),
    ageMin: age("Youngest age"),
    ageMax: age("Oldest age"),
    /** Blur until I reveal: first calls start with this member's picture blurred. */
    blurFirstCalls: z.boolean({ message: "Start first calls blurred must be true or false" }),
  })
  .partial()
  .strict();

export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/** The signed-in member's own profile, as the profile page and `GET /api/profile` show it. */
export interface OwnProfile {
  displayName: string;
  email: string;
  birthDate: string;
  age: number;
  gender: Gender;
  interestedIn: Gender[];
  ageMin: number;
  ageMax: number;
  city: string;
  bio: string;
  interests: string[];
  photoUrl: string | null;
  blurFirstCalls: boolean;
}

export async function ownProfile(userId: number): Promise<OwnProfile> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, profile: true } });
  if (!user?.profile) throw notFound("Profile not found.");
  const p = user.profile;
  return {
    displayName: p.displayName,
    email: user.email,
    birthDate: p.birthDate.toISOString().slice(0, 10),
    age: ageOn(p.birthDate, now()),
    gender: p.gender,
    interestedIn: p.interestedIn,
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    city: p.city,
    bio: p.bio,
    interests: p.interests,
    photoUrl: photoUrl(p.photoPath),
    blurFirstCalls: p.blurFirstCalls,
  };
}

/** Applies a validated update. The age range is checked against the stored values it keeps. */
export async function updateProfile(userId: number, update: ProfileUpdate): Promise<OwnProfile> {
  await transaction(async (tx) => {
    // Locked: two updates at once must not each pass the range check against the other's old half.
    const [current] = await tx.$queryRaw<{ ageMin: number; ageMax: number }[]>`
      SELECT "ageMin", "ageMax" FROM "Profile" WHERE "userId" = ${userId} FOR UPDATE`;
    if (!current) throw notFound("Profile not found.");
    const ageMin = update.ageMin ?? current.ageMin;
    const ageMax = update.ageMax ?? current.ageMax;
    if (ageMin > ageMax) throw badRequest("The youngest age can't be above the oldest.");
    await tx.profile.update({ where: { userId }, data: update });
    // Every instance's cached copy of this member (lib/auth/signed-in-member-cache.ts) is now stale.
    await publishEvent(tx, { type: "member.changed", userIds: [userId] });
  });
  return ownProfile(userId);
}
