"use server";

import { requireMemberForAction } from "@/lib/auth/session";
import { block, unmatch } from "@/lib/matches/unmatch-block";
import { report, type ReportInput } from "@/lib/safety/report";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { parse, idValue } from "@/lib/validation";

// The member safety actions behind SafetyMenu: the same lib functions as the JSON API routes.

export async function unmatchAction(matchId: number): Promise<ActionResult<{ status: "unmatched" }>> {
  return runAction(async () => {
    const member = await requireMemberForAction();
    const done = await unmatch(member.id, parse(idValue, matchId));
    return { status: done.status };
  });
}

export async function blockAction(matchId: number): Promise<ActionResult<{ status: "blocked" }>> {
  return runAction(async () => {
    const member = await requireMemberForAction();
    const done = await block(member.id, parse(idValue, matchId));
    return { status: done.status };
  });
}

export async function reportAction(matchId: number, input: ReportInput): Promise<ActionResult<{ blocked: boolean }>> {
  return runAction(async () => {
    const member = await requireMemberForAction();
    const done = await report(member.id, parse(idValue, matchId), input);
    return { blocked: done.blocked };
  });
}
