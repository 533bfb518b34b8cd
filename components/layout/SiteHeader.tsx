import type { DoNotDisturbStatus } from "@/lib/profile/do-not-disturb";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { EnableCallAlertsButton } from "@/components/incoming-calls/EnableCallAlertsButton";
import { PushAlertsSync } from "@/components/incoming-calls/PushAlertsSync";
import { RingtoneMuteToggle } from "@/components/incoming-calls/RingtoneMuteToggle";
import { DoNotDisturbMenu } from "@/components/layout/DoNotDisturbMenu";
import { NavLink } from "@/components/layout/NavLink";
import { HeartMark } from "@/components/ui/HeartMark";
import { IntentLink } from "@/components/ui/IntentLink";

// Controls sit at the right and the nav takes the slack, so anything that appears only after
// hydration (the alerts button) shrinks empty space instead of moving what's on screen.
export function SiteHeader({ name, isAdmin, dnd }: { name: string; isAdmin: boolean; dnd: DoNotDisturbStatus }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-1.5 px-3 sm:gap-2 sm:px-6">
        <IntentLink href="/dashboard" className="shrink-0 text-lg font-extrabold tracking-tight" aria-label="Meetcute home">
          <HeartMark className="text-pink-500" /> <span className="hidden md:inline">Meet</span>
          <span className="hidden text-pink-600 md:inline">cute</span>
        </IntentLink>
        <nav className="flex min-w-0 flex-1 items-center gap-0.5 text-sm font-medium sm:gap-1" aria-label="Main">
          <NavLink href="/dashboard">Home</NavLink>
          <NavLink href="/matches">Matches</NavLink>
          <NavLink href="/profile">Profile</NavLink>
          <NavLink href="/account">Account</NavLink>
          {isAdmin && (
            <IntentLink href="/admin" className="rounded-lg px-2 py-1.5 text-purple-700 hover:bg-purple-50 sm:px-2.5">
              Admin
            </IntentLink>
          )}
        </nav>
        <div className="hidden lg:block">
          <EnableCallAlertsButton />
        </div>
        <DoNotDisturbMenu status={dnd} />
        <RingtoneMuteToggle />
        <span className="hidden max-w-32 truncate text-sm text-slate-600 lg:inline" data-testid="signed-in-as">
          {name}
        </span>
        <div className="hidden sm:block">
          <SignOutButton />
        </div>
      </div>
      <PushAlertsSync />
    </header>
  );
}
