import { IntentLink } from "@/components/ui/IntentLink";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <div className="text-5xl" aria-hidden>
        🔍
      </div>
      <h1 className="text-2xl font-bold">We couldn&apos;t find that page</h1>
      <p className="text-slate-600">It may have moved, or it isn&apos;t yours to see.</p>
      <IntentLink href="/dashboard" className="btn-primary">
        Back home
      </IntentLink>
    </main>
  );
}
