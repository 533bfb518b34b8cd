import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { liveCalls } from "@/lib/admin/live-calls";

export const dynamic = "force-dynamic";

/** Every ringing or active call right now. */
export const GET = route(async (req) => {
  await requireAdmin(req);
  return { sessions: await liveCalls() };
});
