"use client";

import { useActionState, useTransition } from "react";
import type { OwnProfile } from "@/lib/profile/profile";
import { MAX_BIO_LENGTH } from "@/lib/profile/limits";
import { saveProfile, type ProfileFormState } from "@/lib/profile/actions";
import { InterestsInput } from "@/components/profile/InterestsInput";

const WHO = [
  { value: "woman", label: "Women" },
  { value: "man", label: "Men" },
  { value: "nonbinary", label: "Non-binary people" },
] as const;

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

/** Name, city, bio, interests and who the member wants to meet, saved by a server action. */
export function ProfileForm({ profile }: { profile: OwnProfile }) {
  const [state, save] = useActionState<ProfileFormState, FormData>(saveProfile, null);
  const [saving, startSaving] = useTransition();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  // Dispatched by hand rather than through <form action>, which would reset every field to its
  // initial value after each save — and lose the member's typing when the save is refused.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startSaving(() => save(form));
  }

  const invalid = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {});

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="displayName" className="label">
            First name
          </label>
          <input id="displayName" name="displayName" defaultValue={profile.displayName} maxLength={50} required autoComplete="given-name" className="field" {...invalid("displayName")} />
          <FieldError id="displayName-error" message={errors.displayName} />
        </div>
        <div>
          <label htmlFor="city" className="label">
            City
          </label>
          <input id="city" name="city" defaultValue={profile.city} maxLength={80} required autoComplete="address-level2" className="field" {...invalid("city")} />
          <FieldError id="city-error" message={errors.city} />
        </div>
      </div>

      <div>
        <label htmlFor="bio" className="label">
          Bio
        </label>
        <textarea id="bio" name="bio" defaultValue={profile.bio} maxLength={MAX_BIO_LENGTH} rows={3} placeholder="A line or two about you." className="field resize-y" {...invalid("bio")} />
        <FieldError id="bio-error" message={errors.bio} />
      </div>

      <InterestsInput initial={profile.interests} error={errors.interests} />

      <fieldset {...invalid("interestedIn")}>
        <legend className="label">I want to meet</legend>
        <div className="flex flex-wrap gap-2">
          {WHO.map((g) => (
            <label
              key={g.value}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-pink-500 has-[:checked]:bg-pink-50"
            >
              <input type="checkbox" name="interestedIn" value={g.value} defaultChecked={profile.interestedIn.includes(g.value)} className="accent-pink-600" />
              {g.label}
            </label>
          ))}
        </div>
        <FieldError id="interestedIn-error" message={errors.interestedIn} />
      </fieldset>

      <fieldset>
        <legend className="label">Aged between</legend>
        <div className="flex items-center gap-3">
          <input name="ageMin" type="number" inputMode="numeric" min={18} max={99} defaultValue={profile.ageMin} aria-label="Youngest age" className="field w-24" {...invalid("ageMin")} />
          <span className="text-slate-500">and</span>
          <input name="ageMax" type="number" inputMode="numeric" min={18} max={99} defaultValue={profile.ageMax} aria-label="Oldest age" className="field w-24" {...invalid("ageMax")} />
        </div>
        <FieldError id="ageMin-error" message={errors.ageMin} />
        <FieldError id="ageMax-error" message={errors.ageMax} />
      </fieldset>

      <div className="flex items-start gap-3 rounded-xl bg-slate-50 p-4">
        <input id="blurFirstCalls" name="blurFirstCalls" type="checkbox" defaultChecked={profile.blurFirstCalls} className="mt-1 size-5 accent-pink-600" />
        <label htmlFor="blurFirstCalls" className="text-sm">
          <span className="font-semibold text-slate-900">Start first calls blurred</span>
          <span className="block text-slate-600">Your picture leaves your phone blurred until you tap Reveal me. Your voice is never blurred.</span>
        </label>
      </div>

      <div className="flex flex-col-reverse items-stretch gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-end">
        <p aria-live="polite" className={`text-sm ${state?.ok === false ? "text-red-700" : "text-green-700"}`} role={state?.ok === false ? "alert" : undefined}>
          {state?.ok && !saving && `✓ ${state.data.message}`}
          {state?.ok === false && state.error}
        </p>
        <button type="submit" disabled={saving} className="btn-primary min-h-11 sm:min-w-40">
          {saving ? "Saving…" : "Save profile"}
        </button>
      </div>
    </form>
  );
}
