import { z } from "zod";
import { CALL_TYPE_LABEL } from "@/lib/calls/rules";
import { lazy } from "@/lib/lazy";

// A call ringing for the signed-in member (the callee): the one declaration of GET
// /api/video/pending-calls' items. The server builds them (lib/calls/queries.ts); the browser
// checks them with this schema (lib/api/client.ts).
//
// One word per side: the session's status is `ringing`; what the callee sees is an incoming call.
// ("pending" is a match's status, before the first call.) The URL and its `pending_calls` key keep
// the older name because clients already call them.

/** Built on first use (lib/lazy.ts), not on every page load. */
export const incomingCallSchema = lazy(() =>
  z.object({
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
    call_type: z.enum([CALL_TYPE_LABEL.first, CALL_TYPE_LABEL.repeat]),
  }),
);

export type IncomingCall = z.infer<ReturnType<typeof incomingCallSchema>>;
