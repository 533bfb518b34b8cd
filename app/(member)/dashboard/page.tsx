import Link from "next/link";
import { memberOrRedirect } from "@/lib/auth/session";
import { matchesFor } from "@/lib/matches/view";

export const metadata = { title: "Home — Meetcute" };

export default async function DashboardPage() {
  const member = await memberOrRedirect("/dashboard");
  const matches = await matchesFor(member.id);
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-bold sm:text-3xl">Hi {member.displayName} 👋</h1>
        <p className="mt-1 text-slate-600">Here is who you can meet today.</p>
      </section>
      <section className="card p-5">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-lg font-semibold">Your matches</h2>
          <Link href="/matches" className="text-sm font-semibold text-pink-600 hover:underline">
            See all
          </Link>
        </div>
        {matches.length === 0 ? (
          <p className="text-slate-600">No matches yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="match-list">
            {matches.map((m) => (
              <li key={m.match_id} className="flex items-center justify-between py-3" data-testid="match-row">
                <span className="font-medium">{m.other_user.name}</span>
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">{m.status}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
