import { IntentLink } from "@/components/ui/IntentLink";
import { HeartMark } from "@/components/ui/HeartMark";
import { requireAdminPage } from "@/lib/admin/guard";
import { openReportCount } from "@/lib/admin/reports";
import { AdminNav } from "@/components/admin/AdminNav";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { Toasts } from "@/components/ui/Toasts";

export const metadata = { title: "Admin — Meetcute" };

// Outside the (member) group: the dashboard has its own shell. The guard here is one of several
// (each page and action checks again); a layout alone does not protect its pages' data.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdminPage();
  const openReports = await openReportCount();
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="sticky top-0 z-40 bg-slate-900 text-white shadow">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
          <IntentLink href="/admin" className="shrink-0 text-lg font-extrabold tracking-tight">
            <HeartMark className="text-pink-400" /> Meet<span className="text-pink-400">cute</span> <span className="ml-1 text-sm font-semibold text-slate-400">Admin</span>
          </IntentLink>
          <AdminNav openReports={openReports} />
          <div className="ml-auto flex shrink-0 items-center gap-3 text-sm">
            <IntentLink href="/dashboard" className="text-slate-300 hover:text-white">
              Back to site
            </IntentLink>
            <span className="hidden text-slate-400 lg:inline" data-testid="admin-signed-in-as">
              {admin.email}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl px-6 pb-16 pt-8">{children}</main>
      <Toasts />
    </div>
  );
}
