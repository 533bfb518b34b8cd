import { IntentLink } from "@/components/ui/IntentLink";
import { memberOrRedirect, currentMemberSession } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sign-in-sessions";
import { deviceName } from "@/lib/auth/device-name";
import { roughPlace } from "@/lib/auth/sign-in-place";
import { timeAgo } from "@/lib/format";
import { now } from "@/lib/clock";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { DeviceList, type Device } from "@/components/account/DeviceList";

export const metadata = { title: "Your account — Meetcute" };

export default async function AccountPage() {
  const member = await memberOrRedirect("/account");
  const current = await currentMemberSession();
  const t = now().getTime();
  const ago = (d: Date) => timeAgo((t - d.getTime()) / 1000);
  const devices: Device[] = (await listSessions(member.id))
    .map((s) => ({
      id: s.id,
      name: deviceName(s.userAgent),
      place: roughPlace(s),
      lastSeen: s.id === current?.sessionId ? "now" : ago(s.lastSeenAt),
      signedIn: ago(s.createdAt),
      current: s.id === current?.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">Your account</h1>
        <p className="mt-1 break-all text-slate-600">
          {member.email} · {member.emailVerified ? "email confirmed" : "email not confirmed yet"}
        </p>
      </header>

      <section className="card p-5 sm:p-6" aria-labelledby="password-title">
        <h2 id="password-title" className="text-lg font-semibold">
          Password
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">Changing it signs out every other device.</p>
        <ChangePasswordForm />
      </section>

      <section className="card p-5 sm:p-6" aria-labelledby="devices-title">
        <h2 id="devices-title" className="text-lg font-semibold">
          Signed-in devices
        </h2>
        <DeviceList devices={devices} />
      </section>

      <section className="card p-5 sm:p-6" aria-labelledby="data-title">
        <h2 id="data-title" className="text-lg font-semibold">
          Your data
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          <IntentLink href="/account/data" className="font-semibold text-pink-600 hover:underline">
            Your data: download or delete
          </IntentLink>
        </p>
      </section>
    </div>
  );
}
