import { memberOrRedirect } from "@/lib/auth/session";
import { ACCOUNT_EXPORT_URL } from "@/lib/api/client";
import { DeleteAccountButton } from "@/components/account/DeleteAccountDialog";

export const metadata = { title: "Your data — Meetcute" };

export default async function YourDataPage() {
  await memberOrRedirect("/account/data");
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">Your data</h1>
        <p className="mt-1 text-slate-600">See everything Meetcute holds about you, or leave for good.</p>
      </header>

      <section className="card space-y-3 p-5 sm:p-6" aria-labelledby="download-title">
        <h2 id="download-title" className="text-lg font-semibold">
          Download my data
        </h2>
        <p className="text-sm text-slate-600">
          One JSON file with your account, profile and photo, your matches (with each person&apos;s display name only), your calls and their
          times, your own decisions, the reports you filed and the devices that get your call alerts. Other people&apos;s decisions and
          details are theirs, so they are not in it.
        </p>
        <a href={ACCOUNT_EXPORT_URL} download className="btn-secondary inline-flex w-full justify-center sm:w-auto" data-testid="download-data">
          ⬇️ Download my data
        </a>
      </section>

      <section className="card space-y-3 border-red-200 p-5 sm:p-6" aria-labelledby="delete-title">
        <h2 id="delete-title" className="text-lg font-semibold text-red-800">
          Delete my account
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>Removed: your profile, photo, call-alert devices and your sign-in; any live call ends.</li>
          <li>Kept: the call history of the people you met, shown as &ldquo;Deleted member&rdquo;, and reports for our safety team.</li>
        </ul>
        <p className="text-sm text-slate-600">You&apos;ll confirm with your password. This can&apos;t be undone.</p>
        <DeleteAccountButton />
      </section>
    </div>
  );
}
