import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { tooMany } from "@/lib/http/http-error";
import { rateLimit } from "@/lib/http/rate-limit";
import { now } from "@/lib/clock";
import { accountExport } from "@/lib/account/export";

export const dynamic = "force-dynamic";

/** Everything held about the signed-in member, as a JSON file to save. */
export const GET = route(async (req) => {
  const member = await requireMember(req);
  // Photos make the file megabytes: a few downloads an hour is plenty.
  if (!(await rateLimit(`account-export:${member.id}`, { limit: 10, windowMs: 60 * 60_000 }))) throw tooMany("You've downloaded your data a lot this hour. Try again later.");
  const data = await accountExport(member.id);
  const day = now().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="meetcute-data-${day}.json"`,
      "cache-control": "no-store",
    },
  });
});
