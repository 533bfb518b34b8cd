"use client";

import { useRouter } from "next/navigation";
import { useReducer, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { HiddenTabAlerts } from "@/components/incoming-calls/HiddenTabAlerts";
import { IncomingCallCard } from "@/components/incoming-calls/IncomingCallCard";
import { declineSession, errorMessage, isGone, joinSession, type IncomingCall } from "@/lib/api/client";
import { dismissCall, isCallDismissed } from "@/lib/calls/browser/dismissed-calls";
import { useIncomingCalls } from "@/lib/calls/browser/use-incoming-calls";

type Pending = Record<string, "join" | "decline">;

const noSubscription = () => () => {};

/**
 * Every call ringing for the signed-in member, on every signed-in page: cards fixed top-right
 * (full width on phones), a screen-reader announcement, and the hidden-tab alerts.
 * Mount once, in the member layout, with the calls ringing as the page was rendered: their cards
 * are in the HTML and answer a tap as soon as the page hydrates, without waiting for a first poll.
 */
export function IncomingCallsNotification({ renderedCalls }: { renderedCalls?: readonly IncomingCall[] }) {
  const router = useRouter();
  const { calls, reconnecting, mutate } = useIncomingCalls(true, renderedCalls);
  const [pending, setPending] = useState<Pending>({});
  // Dismissals live in sessionStorage; this only re-renders after one.
  const [, rerenderAfterDismissal] = useReducer((n: number) => n + 1, 0);
  // The server cannot see this tab's dismissals: hydrate what it rendered, then hide them.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  const ringing = calls.filter((call) => !(hydrated && isCallDismissed(call.session_id)));

  function setPendingFor(sessionId: string, action: "join" | "decline" | null) {
    setPending((prev) => {
      const next = { ...prev };
      if (action) next[sessionId] = action;
      else delete next[sessionId];
      return next;
    });
  }

  async function join(call: IncomingCall) {
    const name = call.other_user_name;
    setPendingFor(call.session_id, "join");
    try {
      await joinSession(call.session_id);
    } catch (err) {
      setPendingFor(call.session_id, null);
      toast.error(errorMessage(err, "Couldn't join this call. Please try again."));
      // Cancelled, answered elsewhere or timed out: fetch the list now rather than in 3 s.
      if (isGone(err)) void mutate();
      return;
    }
    // The card stays in "Joining…" until the next poll drops the call, so no second click.
    toast(call.is_mutual_match ? `💕 Joining call with ${name}!` : `Joining call with ${name}…`);
    router.push(`/call/${encodeURIComponent(call.session_id)}`);
    void mutate();
  }

  async function decline(call: IncomingCall) {
    setPendingFor(call.session_id, "decline");
    try {
      await declineSession(call.session_id);
    } catch (err) {
      // 404/409 mean it already stopped ringing, which is what declining wanted anyway.
      if (!isGone(err)) toast.error(errorMessage(err, "Couldn't decline this call. Please try again."));
    }
    await mutate();
    setPendingFor(call.session_id, null);
  }

  function dismiss(call: IncomingCall) {
    dismissCall(call.session_id);
    rerenderAfterDismissal();
  }

  return (
    <>
      {/* Present from the start: live regions only announce changes to a region already there. */}
      <div aria-live="assertive" aria-atomic="true" className="sr-only">
        {ringing.map((call) => `${call.other_user_name} is calling you.`).join(" ")}
      </div>
      {/* Polls failing with 503 or no answer: a quiet, polite note until one succeeds again. */}
      <div role="status" aria-live="polite" className="pointer-events-none fixed bottom-4 left-4 z-[90]">
        {reconnecting && (
          <span data-testid="calls-reconnecting" className="inline-block rounded-full bg-slate-800/85 px-3 py-1.5 text-xs text-white shadow">
            Reconnecting… calls may arrive late.
          </span>
        )}
      </div>
      <HiddenTabAlerts calls={ringing} />
      {ringing.length > 0 && (
        // Fixed, so it never pushes the page; the gaps between cards stay clickable.
        <div className="pointer-events-none fixed left-4 right-4 top-4 z-[100] flex flex-col gap-3 sm:left-auto sm:w-96">
          {ringing.map((call) => (
            <IncomingCallCard
              key={call.session_id}
              call={call}
              secondsAgo={call.seconds_ago}
              pending={pending[call.session_id] ?? null}
              onJoin={() => void join(call)}
              onDecline={() => void decline(call)}
              onDismiss={() => dismiss(call)}
            />
          ))}
        </div>
      )}
    </>
  );
}
