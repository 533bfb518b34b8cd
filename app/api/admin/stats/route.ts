import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { overview } from "@/lib/admin/stats";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  await requireAdmin(req);
  return overview();
});
