import { IntentLink } from "@/components/ui/IntentLink";

export default function MatchNotFound() {
  return (
    <section className="card mx-auto max-w-md px-6 py-10 text-center">
      <p className="text-5xl" aria-hidden="true">
        🔍
      </p>
      <h1 className="mt-3 text-xl font-bold">This match isn&apos;t here</h1>
      <p className="mt-1 text-slate-600">It may have ended, or the link is wrong.</p>
      <IntentLink href="/matches" className="btn-primary mt-5">
        See your matches
      </IntentLink>
    </section>
  );
}
