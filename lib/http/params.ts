import "server-only";
import { z } from "zod";
import { idParam, parse, uuidParam } from "@/lib/validation";

export const matchIdParams = z.object({ match_id: idParam });
export const sessionIdParams = z.object({ session_id: uuidParam });

export async function matchIdFrom(params: Promise<{ match_id: string }>): Promise<number> {
  return parse(matchIdParams, await params).match_id;
}

export async function sessionIdFrom(params: Promise<{ session_id: string }>): Promise<string> {
  return parse(sessionIdParams, await params).session_id;
}

/** The same for a Pages Router route (pages/api/), where Next.js puts the dynamic segment in `req.query`. */
export function sessionIdFromQuery(query: Partial<Record<string, string | string[]>>): string {
  return parse(sessionIdParams, { session_id: query.session_id }).session_id;
}
