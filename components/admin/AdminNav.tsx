"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/calls", label: "Live calls" },
  { href: "/admin/members", label: "Members" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

export function AdminNav({ openReports }: { openReports: number }) {
  // Null only under the Pages Router (which serves no pages here: pages/api/events.ts alone).
  const pathname = usePathname() ?? "";
  return (
    <nav className="flex items-center gap-1 overflow-x-auto text-sm font-medium" aria-label="Admin">
      {LINKS.map(({ href, label }) => {
        const active = href === "/admin" ? pathname === "/admin" : pathname.startsWith(href);
        return (
          <IntentLink
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 whitespace-nowrap rounded-lg px-3 py-1.5 transition ${active ? "bg-white/15 text-white" : "text-slate-300 hover:bg-white/10 hover:text-white"}`}
          >
            {label}
            {href === "/admin/reports" && openReports > 0 && (
              <span className="rounded-full bg-pink-500 px-1.5 py-0.5 text-[11px] font-bold leading-none text-white">{openReports}</span>
            )}
          </IntentLink>
        );
      })}
    </nav>
  );
}
