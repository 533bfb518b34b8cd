"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { Avatar } from "@/components/matches/Avatar";
import { LocalTime } from "@/components/matches/LocalTime";
import { fetchMissedCalls, markMissedCallsSeen, MISSED_CALLS_URL, type MissedCall } from "@/lib/api/client";

const POLL_MS = 5000;

/**
 * Calls the member missed: who and when. Polled, so a call that stops ringing while the
 * dashboard is open shows up here too. Shown calls are marked seen (only while the tab is
 * visible — that is what "seen" means) and stay listed until the member leaves the page.
 */
export function MissedCalls({ initial }: { initial: MissedCall[] }) {
  const { data = initial } = useSWR(MISSED_CALLS_URL, fetchMissedCalls, {
    fallbackData: initial,
    revalidateOnMount: false,
    refreshInterval: POLL_MS,
    refreshWhenHidden: true,
  });
  const [seenThisVisit, setSeenThisVisit] = useState<MissedCall[]>([]);
  const marking = useRef(new Set<string>());

  useEffect(() => {
    const markVisible = () => {
      if (document.visibilityState !== "visible") return;
      const fresh = data.filter((c) => !marking.current.has(c.session_id));
      if (fresh.length === 0) return;
      for (const c of fresh) marking.current.add(c.session_id);
      markMissedCallsSeen(fresh.map((c) => c.session_id)).then(
        () => setSeenThisVisit((prev) => [...prev, ...fresh]),
        () => {
          for (const c of fresh) marking.current.delete(c.session_id);
        },
      );
    };
    markVisible();
    document.addEventListener("visibilitychange", markVisible);
    return () => document.removeEventListener("visibilitychange", markVisible);
  }, [data]);

  const byId = new Map([...seenThisVisit, ...data].map((c) => [c.session_id, c]));
  const calls = [...byId.values()].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <section className="card p-5" aria-labelledby="missed-title" data-testid="missed-calls">
      <h2 id="missed-title" className="flex items-center gap-2 text-lg font-semibold">
        Missed calls
        {calls.length > 0 && <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-bold text-amber-900">{calls.length}</span>}
      </h2>
      {calls.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No missed calls.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {calls.map((c) => (
            <li key={c.session_id} data-testid="missed-call" data-session-id={c.session_id}>
              <IntentLink href={`/matches/${c.match_id}`} className="-mx-2 flex items-center gap-3 rounded-xl px-2 py-2.5 hover:bg-slate-50">
                <Avatar name={c.other_user_name} photoUrl={c.other_user_photo_url} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-semibold">📵 {c.other_user_name}</span>
                  <span className="block text-xs text-slate-600">
                    Missed call · <LocalTime iso={c.at} style="relative" />
                  </span>
                </span>
                <span aria-hidden="true" className="text-slate-400">
                  ›
                </span>
              </IntentLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
