import { IntentLink } from "@/components/ui/IntentLink";
import { memberOrRedirect } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { ownProfile } from "@/lib/profile/profile";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { PhotoUploader } from "@/components/profile/PhotoUploader";
import { ProfileForm } from "@/components/profile/ProfileForm";

export const metadata = { title: "Your profile — Meetcute" };

const GENDER_LABEL = { woman: "Woman", man: "Man", nonbinary: "Non-binary" } as const;

export default async function ProfilePage() {
  const member = await memberOrRedirect("/profile");
  const profile = await ownProfile(member.id);
  const born = formatCalendarDate(profile.birthDate);
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">Your profile</h1>
        <p className="mt-1 text-slate-600">This is what your matches see before your first call.</p>
      </header>

      <section className="card p-5 sm:p-6" aria-labelledby="photo-title">
        <h2 id="photo-title" className="text-lg font-semibold">
          Photo
        </h2>
        <PhotoUploader name={profile.displayName} photoUrl={profile.photoUrl} />
      </section>

      <section className="card p-5 sm:p-6" aria-labelledby="details-title">
        <h2 id="details-title" className="text-lg font-semibold">
          About you
        </h2>
        <p className="mb-5 mt-1 text-sm text-slate-600">
          {GENDER_LABEL[profile.gender]} · {profile.age} (born {born}) · {profile.email}
        </p>
        <ProfileForm profile={profile} />
      </section>

      <p className="text-center text-sm">
        <IntentLink href="/account/data" className="font-semibold text-pink-700 hover:underline">
          Your data: download it, or delete your account →
        </IntentLink>
      </p>

      <div className="flex justify-center sm:hidden">
        <SignOutButton />
      </div>
    </div>
  );
}
