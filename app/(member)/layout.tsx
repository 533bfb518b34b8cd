import { memberOrRedirect } from "@/lib/auth/session";
import { doNotDisturbFor } from "@/lib/profile/do-not-disturb";
import { incomingCallsFor } from "@/lib/calls/queries";
import { IncomingCallsNotification } from "@/components/incoming-calls/IncomingCallsNotification";
import { MemberEventStream } from "@/components/events/MemberEventStream";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { ConfirmEmailBanner } from "@/components/account/ConfirmEmailBanner";
import { Toasts } from "@/components/ui/Toasts";

// Every signed-in page renders inside this layout, so the push channel and the incoming-call
// notification (each mounted once, here) reach the member wherever they are. The calls ringing
// now come with the page, so a member who opens it to answer sees the card in the HTML.
export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const member = await memberOrRedirect();
  const [dnd, incomingCalls] = await Promise.all([doNotDisturbFor(member.id), incomingCallsFor(member.id)]);
  return (
    <div className="min-h-dvh">
      <SiteHeader name={member.displayName} isAdmin={member.role === "admin"} dnd={dnd} />
      {!member.emailVerified && <ConfirmEmailBanner email={member.email} />}
      <main className="mx-auto w-full max-w-5xl px-4 pb-16 pt-6 sm:px-6">{children}</main>
      <MemberEventStream />
      <IncomingCallsNotification renderedCalls={incomingCalls} />
      <Toasts />
    </div>
  );
}
