"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { actionError, runAction, type ActionResult } from "@/lib/actions/result";
import { requireMemberForAction } from "@/lib/auth/session";
import { decide, type DecisionResult } from "@/lib/matches/decisions";
import { decisionValue, idValue } from "@/lib/validation";

const decisionInput = z.object({ matchId: idValue, decision: decisionValue });

/** Like or pass after the first call: the same rule as POST /api/matches/{id}/decision. */
export async function decideOnMatch(matchId: number, decision: "like" | "pass"): Promise<ActionResult<DecisionResult>> {
  const input = decisionInput.safeParse({ matchId, decision });
  if (!input.success) return actionError("That decision wasn't understood.");
  const result = await runAction(async () => {
    const member = await requireMemberForAction();
    return decide(member.id, input.data.matchId, input.data.decision);
  });
  if (result.ok) refresh();
  return result;
}
