"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A header link that knows when its section is the current page. */
export function NavLink({ href, children, className = "" }: { href: string; children: React.ReactNode; className?: string }) {
  // Null only under the Pages Router (which serves no pages here: pages/api/events.ts alone).
  const pathname = usePathname() ?? "";
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-lg px-2 py-1.5 sm:px-2.5 ${current ? "bg-pink-50 text-pink-700" : "text-slate-700 hover:bg-pink-50"} ${className}`}
    >
      {children}
    </Link>
  );
}
