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
