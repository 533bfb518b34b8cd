"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";

/** While the server can't reach its database, look again this often and come back by ourselves. */
const OUTAGE_RECHECK_MS = 3000;

/**
 * The API client (and zod with it) loaded only once an error shows: this boundary is part of every
 * page's first load, signed-out pages included, which need neither. A client that cannot be
 * loaded means the server cannot be reached either.
 */
async function readiness(): Promise<"ready" | "unavailable" | "unknown"> {
  try {
    return await (await import("@/lib/api/client")).readiness();
  } catch {
    return "unavailable";
  }
}

// Anything a page didn't expect: say so plainly and offer a way on. Details stay in the server log.
// A production build hides the error's text from the browser, so whether it was a database
// outage is asked of the server itself (/api/ready answers 503 while the database is out of
// reach); then the page says so quietly and reloads itself once the database is back.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [outage, setOutage] = useState(false);

  useEffect(() => {
    console.error(error);
  }, [error]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const state = await readiness();
      if (stopped) return;
      if (state === "unavailable") {
        setOutage(true);
        timer = setTimeout(() => void check(), OUTAGE_RECHECK_MS);
      } else if (outage && state === "ready") {
        startTransition(() => {
          router.refresh();
          reset();
        });
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [outage, reset, router]);

  if (outage) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
        <div className="text-5xl" aria-hidden>
          🔌
        </div>
        <h1 className="text-2xl font-bold">Reconnecting…</h1>
        <p role="status" className="text-slate-600" data-testid="page-reconnecting">
          Meetcute can&apos;t reach its database right now. This page will come back by itself as soon as it can.
        </p>
      </main>
    );
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <div className="text-5xl" aria-hidden>
        😵‍💫
      </div>
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-slate-600">That wasn&apos;t supposed to happen. Try again, or head back home.</p>
      <div className="flex gap-3">
        <button type="button" onClick={reset} className="btn-primary">
          Try again
        </button>
        <IntentLink href="/dashboard" className="btn-secondary">
          Home
        </IntentLink>
      </div>
      {error.digest && <p className="text-xs text-slate-400">Reference: {error.digest}</p>}
    </main>
  );
}
