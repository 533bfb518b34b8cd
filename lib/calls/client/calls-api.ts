import { z } from "zod";

// Browser-side access to the call endpoints. The JSON shapes are the contract in PRODUCT.md.

export const PENDING_CALLS_URL = "/api/video/pending-calls";

const pendingCallSchema = z.object({
  session_id: z.string().min(1),
  match_id: z.number(),
  other_user_name: z.string(),
  // Not in the prototype's shape, so tolerate its absence rather than drop every call.
  other_user_photo_url: z
    .string()
    .nullish()
    .transform((url) => url ?? null),
  is_mutual_match: z.boolean(),
  seconds_ago: z.number(),
  call_type: z.string(),
});

const pendingCallsSchema = z.object({ pending_calls: z.array(pendingCallSchema) });

const errorBodySchema = z.object({ error: z.string() });

export type PendingCall = z.infer<typeof pendingCallSchema>;

/** A failed request to our API, carrying the server's `{ error }` message when it sent one. */
export class CallsApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "CallsApiError";
  }
}

async function errorFrom(res: Response): Promise<CallsApiError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(body);
  return new CallsApiError(res.status, parsed.success ? parsed.data.error : `Request failed (${res.status}).`);
}

/** The calls ringing for the signed-in member. Throws CallsApiError on a non-2xx answer. */
export async function fetchPendingCalls(): Promise<PendingCall[]> {
  const res = await fetch(PENDING_CALLS_URL, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw await errorFrom(res);
  return pendingCallsSchema.parse(await res.json()).pending_calls;
}

export type CallActionResult = { ok: true } | { ok: false; status: number; error: string };

async function postSessionAction(sessionId: string, action: "join" | "decline"): Promise<CallActionResult> {
  try {
    const res = await fetch(`/api/video/sessions/${encodeURIComponent(sessionId)}/${action}`, {
      method: "POST",
      // Every unsafe request says application/json, body or not: the server's CSRF rule.
      headers: { accept: "application/json", "content-type": "application/json" },
      body: "{}",
    });
    if (res.ok) return { ok: true };
    const err = await errorFrom(res);
    return { ok: false, status: err.status, error: err.message };
  } catch {
    // fetch only rejects when the request never reached the server.
    return { ok: false, status: 0, error: "Couldn't reach Meetcute. Check your connection and try again." };
  }
}

export function joinCall(sessionId: string): Promise<CallActionResult> {
  return postSessionAction(sessionId, "join");
}

export function declineCall(sessionId: string): Promise<CallActionResult> {
  return postSessionAction(sessionId, "decline");
}
