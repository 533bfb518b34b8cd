import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { deleteAccountInput, deleteOwnAccount } from "@/lib/account/deletion";

export const dynamic = "force-dynamic";

/** Deletes the signed-in member's account: `{ password }`; see docs/data-retention.md. */
export const DELETE = route(async (req) => {
  const member = await requireMember(req);
  return deleteOwnAccount(member.id, await jsonBody(req, deleteAccountInput));
});
