import { IntentLink } from "@/components/ui/IntentLink";
import { HeartMark } from "@/components/ui/HeartMark";
import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/session";

export default async function Home() {
  if (await currentMember()) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col items-center justify-center gap-8 px-6 py-16 text-center">
      <HeartMark className="text-6xl text-pink-500" />
      <h1 className="text-4xl font-extrabold tracking-tight sm:text-5xl">
        Meet<span className="bg-gradient-to-r from-pink-500 to-purple-600 bg-clip-text text-transparent">cute</span>
      </h1>
      <p className="max-w-xl text-lg text-slate-600">
        We match you with someone who fits. You meet in a 60-second video call. Then you both decide — privately.
        Two likes, and you can call each other any time.
      </p>
      <div className="flex w-full max-w-xs flex-col gap-3 sm:max-w-none sm:flex-row sm:justify-center">
        <IntentLink href="/signup" className="btn-primary px-6 py-3 text-base">
          Create your profile
        </IntentLink>
        <IntentLink href="/signin" className="btn-secondary px-6 py-3 text-base">
          Sign in
        </IntentLink>
      </div>
    </main>
  );
}
