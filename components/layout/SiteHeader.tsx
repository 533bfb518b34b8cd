import Link from "next/link";
import { SignOutButton } from "@/components/auth/SignOutButton";

export function SiteHeader({ name, isAdmin }: { name: string; isAdmin: boolean }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-3 px-4 sm:px-6">
        <Link href="/dashboard" className="text-lg font-extrabold tracking-tight">
          💕 <span className="hidden sm:inline">Meet</span>
          <span className="hidden text-pink-600 sm:inline">cute</span>
        </Link>
        <nav className="flex flex-1 items-center gap-1 text-sm font-medium" aria-label="Main">
          <Link href="/dashboard" className="rounded-lg px-2.5 py-1.5 hover:bg-pink-50">
            Home
          </Link>
          <Link href="/matches" className="rounded-lg px-2.5 py-1.5 hover:bg-pink-50">
            Matches
          </Link>
          <Link href="/profile" className="rounded-lg px-2.5 py-1.5 hover:bg-pink-50">
            Profile
          </Link>
          {isAdmin && (
            <Link href="/admin" className="rounded-lg px-2.5 py-1.5 text-purple-700 hover:bg-purple-50">
              Admin
            </Link>
          )}
        </nav>
        <span className="hidden text-sm text-slate-600 md:inline" data-testid="signed-in-as">
          {name}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
