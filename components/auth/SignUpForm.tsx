"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { useState } from "react";
import { FormError } from "@/components/ui/FormError";
import { NETWORK_ERROR_MESSAGE } from "@/lib/api/messages";

/**
 * The API client (zod with it) is loaded when the visitor starts on the form (its first focus),
 * not with the page: most of /signup's first-load script was it, evaluated while the page
 * hydrated on a phone's CPU. The submit waits for it if it is still on its way.
 */
const loadClient = () => import("@/lib/api/client");

const GENDERS = [
  { value: "woman", label: "Woman", plural: "Women" },
  { value: "man", label: "Man", plural: "Men" },
  { value: "nonbinary", label: "Non-binary", plural: "Non-binary people" },
] as const;

export function SignUpForm() {
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      displayName: String(form.get("displayName") ?? ""),
      birthDate: String(form.get("birthDate") ?? ""),
      gender: String(form.get("gender") ?? ""),
      interestedIn: form.getAll("interestedIn").map(String),
      city: String(form.get("city") ?? ""),
    };
    setPending(true);
    setError(null);
    try {
      await (await loadClient()).signUp(body);
    } catch (err) {
      // The client itself may not have loaded (no network): then it's the network's fault.
      setError(await loadClient().then((c) => c.errorMessage(err, "Could not create your account. Please try again."), () => NETWORK_ERROR_MESSAGE));
      setPending(false);
      return;
    }
    // The same answer whether or not the email already has an account (it then gets a mail
    // saying so), so the form never signs in by itself: that would tell the two apart.
    setSentTo(body.email);
  }

  if (sentTo) {
    return (
      <div className="space-y-4" data-testid="check-inbox">
        <p className="text-lg font-semibold">Check your inbox 💌</p>
        <p className="text-sm text-slate-600">
          We&apos;ve sent a link to <strong className="break-all">{sentTo}</strong>. Press it to confirm your email — then you can be matched and start
          video dates. You can sign in and fill in your profile meanwhile.
        </p>
        <IntentLink href="/signin" className="btn-primary block w-full py-3 text-center">
          Sign in
        </IntentLink>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} onFocus={() => void loadClient().catch(() => undefined)} className="space-y-4" noValidate>
      <div>
        <label htmlFor="displayName" className="label">
          First name
        </label>
        <input id="displayName" name="displayName" autoComplete="given-name" maxLength={50} required className="field" />
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="field" />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password <span className="font-normal text-slate-500">(8+ characters)</span>
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required className="field" />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="birthDate" className="label">
            Birth date
          </label>
          <input id="birthDate" name="birthDate" type="date" required className="field" />
        </div>
        <div>
          <label htmlFor="city" className="label">
            City
          </label>
          <input id="city" name="city" autoComplete="address-level2" maxLength={80} required className="field" />
        </div>
      </div>
      <fieldset>
        <legend className="label">I am</legend>
        <div className="flex flex-wrap gap-2">
          {GENDERS.map((g) => (
            <label key={g.value} className="flex cursor-pointer items-center gap-2 rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-pink-500 has-[:checked]:bg-pink-50">
              <input type="radio" name="gender" value={g.value} required className="accent-pink-600" />
              {g.label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="label">I want to meet</legend>
        <div className="flex flex-wrap gap-2">
          {GENDERS.map((g) => (
            <label key={g.value} className="flex cursor-pointer items-center gap-2 rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-pink-500 has-[:checked]:bg-pink-50">
              <input type="checkbox" name="interestedIn" value={g.value} className="accent-pink-600" />
              {g.plural}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full py-3" disabled={pending}>
        {pending ? "Creating your profile…" : "Create profile"}
      </button>
      <p className="text-center text-xs text-slate-500">You must be 18 or older.</p>
    </form>
  );
}
