import { IntentLink } from "@/components/ui/IntentLink";
import { CallAvatar } from "@/components/call-room/CallAvatar";

/** A call that never got going (declined, no answer, cancelled) or could not be joined. */
export function CallOutcome({ title, detail, otherName, otherPhotoUrl }: { title: string; detail: string; otherName: string; otherPhotoUrl: string | null }) {
  return (
    <section data-testid="call-outcome" className="card mx-auto mt-8 flex max-w-md flex-col items-center gap-4 px-6 py-10 text-center">
      <CallAvatar name={otherName} photoUrl={otherPhotoUrl} className="size-24 text-3xl opacity-80 grayscale-[40%]" />
      <div>
        <h1 className="text-xl font-bold text-slate-900">{title}</h1>
        <p className="mt-1 text-slate-600">{detail}</p>
      </div>
      <IntentLink href="/matches" className="btn-primary mt-2">
        Back to matches
      </IntentLink>
    </section>
  );
}
