import { memberOrRedirect } from "@/lib/auth/session";
import { DeviceCheck } from "@/components/devices/DeviceCheck";

export const metadata = { title: "Camera and microphone check — Meetcute" };

export default async function DevicesPage() {
  await memberOrRedirect("/devices");
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">Camera and microphone check</h1>
        <p className="mt-1 text-slate-600">Check how you look and sound before a call. What you choose here is remembered on this device for every call.</p>
      </header>
      <DeviceCheck />
    </div>
  );
}
