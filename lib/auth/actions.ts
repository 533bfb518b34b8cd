"use server";

import { headers } from "next/headers";
import { refresh } from "next/cache";
import { z } from "zod";
import { actionError, runAction, type ActionResult } from "@/lib/actions/result";
import { requireMemberForAction, requireMemberSessionForAction } from "@/lib/auth/session";
import { confirmEmail, resendConfirmation } from "@/lib/auth/email-confirmation";
import {
  changePassword,
  passwordChangeSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  requestPasswordReset,
  RESET_REQUESTED,
  resetPassword,
  signOutEverywhere,
} from "@/lib/auth/passwords";
import { endSessionOf } from "@/lib/auth/sign-in-sessions";
import { clientAddress } from "@/lib/http/client-address";
import { describeZodError, fieldWithNul, NUL_MESSAGE } from "@/lib/validation";

// The account forms (forgot password, reset, change, devices, email confirmation), each the
// same lib/auth function as its route in app/api/account/.

export type AccountFormState = ActionResult<{ message: string }> | null;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

function parseForm<T>(schema: z.ZodType<T>, form: FormData, fields: string[]): { ok: true; data: T } | { ok: false; result: AccountFormState } {
  const nul = fieldWithNul(form);
  if (nul !== null) return { ok: false, result: actionError(`This ${NUL_MESSAGE}`) };
  const parsed = schema.safeParse(Object.fromEntries(fields.map((f) => [f, text(form, f)])));
  if (!parsed.success) return { ok: false, result: actionError(describeZodError(parsed.error).replace(/^\w+: /, "")) };
  return { ok: true, data: parsed.data };
}

/** "Forgot password?": mails a link when the email has an account; says the same either way. */
export async function requestPasswordResetAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseForm(passwordResetRequestSchema, form, ["email"]);
  if (!input.ok) return input.result;
  return runAction(async () => {
    await requestPasswordReset(input.data, clientAddress(Object.fromEntries(await headers())));
    return { message: RESET_REQUESTED };
  });
}

/** The reset page: a new password from the mailed link; every session of the account ends. */
export async function resetPasswordAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseForm(passwordResetSchema, form, ["token", "password"]);
  if (!input.ok) return input.result;
  return runAction(async () => {
    await resetPassword(input.data);
    return { message: "Your new password is set, and every device was signed out. Sign in with it now." };
  });
}

/** The Account page: a new password; every other device is signed out. */
export async function changePasswordAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseForm(passwordChangeSchema, form, ["current_password", "new_password"]);
  if (!input.ok) return input.result;
  const result = await runAction(async () => {
    const { member, sessionId } = await requireMemberSessionForAction();
    await changePassword(member.id, sessionId, input.data);
    return { message: "Password changed. Your other devices were signed out." };
  });
  if (result.ok) refresh();
  return result;
}

const sessionIdSchema = z.object({ session_id: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Unknown device") }).strict();

/** The Account page: signs one of the member's devices out. */
export async function signOutDeviceAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseForm(sessionIdSchema, form, ["session_id"]);
  if (!input.ok) return input.result;
  const result = await runAction(async () => {
    const member = await requireMemberForAction();
    await endSessionOf(member.id, input.data.session_id);
    return { message: "That device is signed out." };
  });
  if (result.ok) refresh();
  return result;
}

/** The Account page: every device, this one included (the page then signs this browser out). */
export async function signOutEverywhereAction(_prev: AccountFormState, _form: FormData): Promise<AccountFormState> {
  return runAction(async () => {
    const member = await requireMemberForAction();
    const n = await signOutEverywhere(member.id);
    return { message: `Signed out of ${n} ${n === 1 ? "device" : "devices"}.` };
  });
}

/** The confirmation page's button (a link alone would be used up by mail scanners that open links). */
export async function confirmEmailAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseForm(z.object({ token: z.string().min(1, "The link is incomplete").max(200) }).strict(), form, ["token"]);
  if (!input.ok) return input.result;
  return runAction(async () => {
    await confirmEmail(input.data.token);
    return { message: "Your email is confirmed. You're ready to meet someone 💕" };
  });
}

/** The "confirm your email" banner's resend. */
export async function resendConfirmationAction(_prev: AccountFormState, _form: FormData): Promise<AccountFormState> {
  return runAction(async () => {
    const member = await requireMemberForAction();
    await resendConfirmation(member.id);
    return { message: "A new link is on its way." };
  });
}
