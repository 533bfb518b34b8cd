"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { requireMemberForAction } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/errors";
import { fieldWithNul, NUL_MESSAGE } from "@/lib/http/handler";
import { profileUpdateSchema, updateProfile } from "@/lib/profile/profile";

export type ProfileFormState =
  | { status: "idle" }
  | { status: "saved"; message: string }
  | { status: "error"; message: string; fieldErrors: Partial<Record<string, string>> };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The profile form: the same validation and update as PATCH /api/profile. */
export async function saveProfile(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const nul = fieldWithNul(form);
  if (nul !== null) return { status: "error", message: "Some details need another look.", fieldErrors: { [nul]: `This ${NUL_MESSAGE}` } };
  const parsed = profileUpdateSchema.safeParse({
    displayName: text(form, "displayName"),
    city: text(form, "city"),
    bio: text(form, "bio"),
    interests: form.getAll("interests").map(String),
    interestedIn: form.getAll("interestedIn").map(String),
    ageMin: text(form, "ageMin"),
    ageMax: text(form, "ageMax"),
  });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).map(([field, messages]) => [field, messages?.[0]]));
    return { status: "error", message: "Some details need another look.", fieldErrors };
  }
  try {
    const member = await requireMemberForAction();
    await updateProfile(member.id, parsed.data);
  } catch (err) {
    if (err instanceof ApiError) return { status: "error", message: err.message, fieldErrors: {} };
    throw err;
  }
  refresh();
  return { status: "saved", message: "Profile saved." };
}
