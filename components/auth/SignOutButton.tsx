"use client";

import { signOut } from "next-auth/react";
import { closeMemberEventsOnSignOut } from "@/lib/events/browser/member-events";
import { forgetPushAlertsOnSignOut } from "@/lib/push/browser/push-alerts";

/** Signs this browser out: its streams and push alerts first, then the session (ended on the server too). */
export async function signOutHere(callbackUrl = "/signin") {
  // The push channel goes first, in every tab of this browser: nothing arrives after sign-out.
  closeMemberEventsOnSignOut();
  // A signed-out browser must not go on ringing with someone's calls; give it a moment, no more.
  await Promise.race([forgetPushAlertsOnSignOut(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  await signOut({ callbackUrl });
}

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOutHere()} className="btn-secondary px-3 py-1.5 text-xs">
      Sign out
    </button>
  );
}
