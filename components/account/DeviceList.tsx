"use client";

import { useActionState, useEffect } from "react";
import { signOutDeviceAction, signOutEverywhereAction, type AccountFormState } from "@/lib/auth/actions";
import { signOutHere } from "@/components/auth/SignOutButton";
import { ActionMessage } from "@/components/account/ActionMessage";

export interface Device {
  id: string;
  name: string;
  /** "Berlin time · network 203.0.113.x" (lib/auth/sign-in-place.ts), when the sign-in told us. */
  place: string | null;
  lastSeen: string;
  signedIn: string;
  current: boolean;
}

function SignOutDevice({ device }: { device: Device }) {
  const [state, signOut, pending] = useActionState<AccountFormState, FormData>(signOutDeviceAction, null);
  return (
    <form action={signOut} className="shrink-0">
      <input type="hidden" name="session_id" value={device.id} />
      <button type="submit" disabled={pending} className="btn-secondary px-3 py-1.5 text-xs" aria-label={`Sign out ${device.name}`}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {state && !state.ok && <p className="mt-1 text-xs text-red-700">{state.error}</p>}
    </form>
  );
}

/** The member's signed-in devices, with "Sign out" on each and "Sign out everywhere". */
export function DeviceList({ devices }: { devices: Device[] }) {
  const [state, everywhere, pending] = useActionState<AccountFormState, FormData>(signOutEverywhereAction, null);
  // Every session has ended, this one too: sign this browser out properly (cookie, streams, push).
  useEffect(() => {
    if (state?.ok) void signOutHere();
  }, [state]);
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100" data-testid="devices">
        {devices.map((d) => (
          <li key={d.id} className="flex items-center justify-between gap-3 py-3" data-testid="device">
            <div className="min-w-0">
              <p className="font-medium">
                {d.name}
                {d.current && <span className="ml-2 rounded-full bg-pink-100 px-2 py-0.5 text-xs font-semibold text-pink-700">This device</span>}
              </p>
              {d.place && (
                <p className="text-xs text-slate-600" data-testid="device-place">
                  {d.place}
                </p>
              )}
              <p className="text-xs text-slate-500">
                Last seen {d.lastSeen} · signed in {d.signedIn}
              </p>
            </div>
            {!d.current && <SignOutDevice device={d} />}
          </li>
        ))}
      </ul>
      <form action={everywhere} className="space-y-2">
        <ActionMessage state={state} />
        <button type="submit" disabled={pending} className="btn-secondary px-4 py-2 text-sm">
          {pending ? "Signing out…" : "Sign out everywhere"}
        </button>
        <p className="text-xs text-slate-500">Ends every session, this one included — use it if you've lost a phone or shared a computer.</p>
      </form>
    </div>
  );
}
