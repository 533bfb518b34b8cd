"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { actionError, runAction, type ActionResult } from "@/lib/actions/result";
import { requireMemberForAction } from "@/lib/auth/session";
import { fieldWithNul, NUL_MESSAGE } from "@/lib/validation";
import { profileUpdateSchema, updateProfile } from "@/lib/profile/profile";

/** The profile form's state: null before the first save. */
export type ProfileFormState = ActionResult<{ message: string }> | null;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

const NEEDS_ANOTHER_LOOK = "Some details need another look.";

/** The profile form: the same validation and update as PATCH /api/profile. */
export async function saveProfile(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const nul = fieldWithNul(form);
  if (nul !== null) return actionError(NEEDS_ANOTHER_LOOK, { [nul]: `This ${NUL_MESSAGE}` });
  const parsed = profileUpdateSchema.safeParse({
    displayName: text(form, "displayName"),
    city: text(form, "city"),
    bio: text(form, "bio"),
    interests: form.getAll("interests").map(String),
    interestedIn: form.getAll("interestedIn").map(String),
    ageMin: text(form, "ageMin"),
    ageMax: text(form, "ageMax"),
    // A checkbox: sent as "on" when ticked, absent when not.
    blurFirstCalls: form.get("blurFirstCalls") === "on",
  });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).map(([field, messages]) => [field, messages?.[0]]));
    return actionError(NEEDS_ANOTHER_LOOK, fieldErrors);
  }
  const result = await runAction(async () => {
    const member = await requireMemberForAction();
    await updateProfile(member.id, parsed.data);
    return { message: "Profile saved." };
  });
  if (result.ok) refresh();
  return result;
}
