import { IntentLink } from "@/components/ui/IntentLink";

export default function CallNotFound() {
  return (
    <section className="card mx-auto mt-8 max-w-md px-6 py-10 text-center">
      <h1 className="text-xl font-bold text-slate-900">This call isn&apos;t available</h1>
      <p className="mt-1 text-slate-600">The link may be wrong, or the call isn&apos;t yours.</p>
      <IntentLink href="/matches" className="btn-primary mt-5">
        Back to matches
      </IntentLink>
    </section>
  );
}
