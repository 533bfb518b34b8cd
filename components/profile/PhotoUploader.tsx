"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from "@/lib/profile/limits";
import { Avatar } from "@/components/matches/Avatar";
import { FormError } from "@/components/ui/FormError";
import { errorMessage, removePhoto, uploadPhoto } from "@/lib/api/client";

const ACCEPTED: readonly string[] = PHOTO_TYPES;

/**
 * Shows the member's photo and uploads a new one. The server checks the real type and size;
 * the same checks here only spare a pointless upload.
 */
export function PhotoUploader({ name, photoUrl }: { name: string; photoUrl: string | null }) {
  const router = useRouter();
  const inputId = useId();
  const [busy, setBusy] = useState<"upload" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setError(null);
    if (file.size > MAX_PHOTO_BYTES) return setError("That photo is too big. Photos can be at most 5 MB.");
    if (file.type && !ACCEPTED.includes(file.type)) return setError("That file isn't a photo we can use. Upload a JPEG, PNG or WebP image.");
    setBusy("upload");
    await save(() => uploadPhoto(file));
  }

  async function remove() {
    setError(null);
    setBusy("remove");
    await save(removePhoto);
  }

  async function save(change: () => Promise<unknown>) {
    try {
      await change();
      router.refresh();
    } catch (err) {
      setError(errorMessage(err, "The photo couldn't be saved. Please try again."));
    }
    setBusy(null);
  }

  return (
    <div className="mt-4 flex flex-col items-center gap-4 sm:flex-row sm:items-center">
      <Avatar name={name} photoUrl={photoUrl} size="xl" className={busy === "upload" ? "opacity-50" : ""} />
      <div className="w-full space-y-2 text-center sm:text-left">
        <div className="flex flex-col gap-2 sm:flex-row">
          <label htmlFor={inputId} className={`btn-primary min-h-11 cursor-pointer ${busy ? "pointer-events-none opacity-60" : ""}`}>
            {busy === "upload" ? "Uploading…" : photoUrl ? "Change photo" : "Upload a photo"}
          </label>
          <input
            id={inputId}
            type="file"
            accept={ACCEPTED.join(",")}
            className="sr-only"
            disabled={busy !== null}
            data-testid="photo-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void upload(file);
            }}
          />
          {photoUrl && (
            <button type="button" onClick={() => void remove()} disabled={busy !== null} className="btn-secondary min-h-11">
              {busy === "remove" ? "Removing…" : "Remove"}
            </button>
          )}
        </div>
        <p className="text-xs text-slate-500">JPEG, PNG or WebP, up to 5 MB. We remove location data from photos.</p>
        <FormError message={error} />
      </div>
    </div>
  );
}
