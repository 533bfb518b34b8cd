"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { requireMemberForAction } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/errors";
import { decide, type DecisionResult } from "@/lib/matches/decisions";

export type DecideState = { ok: true; result: DecisionResult } | { ok: false; error: string };

const decisionInput = z.object({ matchId: z.number().int().positive().max(2_147_483_647), decision: z.enum(["like", "pass"]) });

/** Like or pass after the first call: the same rule as POST /api/matches/{id}/decision. */
export async function decideOnMatch(matchId: number, decision: "like" | "pass"): Promise<DecideState> {
  const input = decisionInput.safeParse({ matchId, decision });
  if (!input.success) return { ok: false, error: "That decision wasn't understood." };
  try {
    const member = await requireMemberForAction();
    const result = await decide(member.id, input.data.matchId, input.data.decision);
    refresh();
    return { ok: true, result };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.message };
    throw err;
  }
}
