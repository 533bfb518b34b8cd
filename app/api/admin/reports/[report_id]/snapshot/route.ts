import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { reportIdFrom } from "@/lib/admin/params";
import { viewReportSnapshot } from "@/lib/admin/report-snapshot";

export const dynamic = "force-dynamic";

// The report's snapshot, admins only; every viewing is audited, so nothing may cache it.
export const GET = route<{ report_id: string }>(async (req, { params }) => {
  const admin = await requireAdmin(req);
  const reportId = await reportIdFrom(params);
  const { bytes, contentType } = await viewReportSnapshot(admin.id, reportId);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": contentType,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
});
