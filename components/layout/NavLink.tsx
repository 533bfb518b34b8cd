"use client";

import { usePathname } from "next/navigation";
import { IntentLink } from "@/components/ui/IntentLink";

/** A header link that knows when its section is the current page. */
export function NavLink({ href, children, className = "" }: { href: string; children: React.ReactNode; className?: string }) {
  // Null only under the Pages Router (which serves no pages here: pages/api/events.ts alone).
  const pathname = usePathname() ?? "";
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <IntentLink
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-lg px-2 py-1.5 sm:px-2.5 ${current ? "bg-pink-50 text-pink-700" : "text-slate-700 hover:bg-pink-50"} ${className}`}
    >
      {children}
    </IntentLink>
  );
}
