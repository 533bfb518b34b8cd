import "server-only";
import { z } from "zod";
import { idParam, parse } from "@/lib/validation";

// Path and query parameters of the admin pages and /api/admin routes.

export async function userIdFrom(params: Promise<{ user_id: string }>): Promise<number> {
  return parse(z.object({ user_id: idParam }), await params).user_id;
}

export async function reportIdFrom(params: Promise<{ report_id: string }>): Promise<number> {
  return parse(z.object({ report_id: idParam }), await params).report_id;
}

/** A 1-based page number; anything unusable means the first page. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export const searchParam = z.string().trim().max(100).catch("");
