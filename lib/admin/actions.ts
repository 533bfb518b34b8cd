"use server";

import { requireAdminForAction } from "@/lib/admin/guard";
import { banMember, unbanMember } from "@/lib/admin/members";
import { deleteAccountAsAdmin } from "@/lib/account/deletion";
import { forceEndSession } from "@/lib/admin/live-calls";
import { resolveReport } from "@/lib/admin/reports";
import { idValue, parse, uuidParam } from "@/lib/validation";
import { runAction, type ActionResult } from "@/lib/actions/result";

// The admin dashboard's mutations: each checks the admin on the server first, then calls the
// same lib function as its /api/admin route. Arguments come from the browser, so ids are parsed
// here and the rest by the lib function's schema.

export async function forceEndAction(sessionId: string, note?: string): Promise<ActionResult<{ ended: true }>> {
  return runAction(async () => {
    const admin = await requireAdminForAction();
    await forceEndSession(admin.id, parse(uuidParam, sessionId), { note });
    return { ended: true as const };
  });
}

export async function banMemberAction(userId: number, reason: string, note?: string): Promise<ActionResult<{ banned: true }>> {
  return runAction(async () => {
    const admin = await requireAdminForAction();
    await banMember(admin.id, parse(idValue, userId), { reason, note });
    return { banned: true as const };
  });
}

export async function unbanMemberAction(userId: number, note?: string): Promise<ActionResult<{ banned: false }>> {
  return runAction(async () => {
    const admin = await requireAdminForAction();
    await unbanMember(admin.id, parse(idValue, userId), { note });
    return { banned: false as const };
  });
}

export async function deleteMemberAction(userId: number, note?: string): Promise<ActionResult<{ deleted: true }>> {
  return runAction(async () => {
    const admin = await requireAdminForAction();
    await deleteAccountAsAdmin(admin.id, parse(idValue, userId), { note });
    return { deleted: true as const };
  });
}

export async function resolveReportAction(
  reportId: number,
  action: "dismiss" | "ban",
  note: string,
): Promise<ActionResult<{ status: "dismissed" | "actioned" }>> {
  return runAction(async () => {
    const admin = await requireAdminForAction();
    const done = await resolveReport(admin.id, parse(idValue, reportId), { action, note });
    return { status: done.status };
  });
}
