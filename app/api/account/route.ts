import { requireMember } from "@/lib/auth/session";
import { jsonBody, route } from "@/lib/http/handler";
import { deleteAccountInput, deleteOwnAccount } from "@/lib/account/deletion";

export const dynamic = "force-dynamic";

/** Deletes the signed-in member's account: `{ password }`; see docs/data-retention.md. */
export const DELETE = route(async (req) => {
  const member = await requireMember(req);
  return deleteOwnAccount(member.id, await jsonBody(req, deleteAccountInput));
});
