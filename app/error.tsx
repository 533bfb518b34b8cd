"use client";

import Link from "next/link";
import { useEffect } from "react";

// Anything a page didn't expect: say so plainly and offer a way on. Details stay in the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
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
        <Link href="/dashboard" className="btn-secondary">
          Home
        </Link>
      </div>
      {error.digest && <p className="text-xs text-slate-400">Reference: {error.digest}</p>}
    </main>
  );
}
