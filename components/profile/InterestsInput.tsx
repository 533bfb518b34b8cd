"use client";

import { useId, useState } from "react";
import { MAX_INTEREST_LENGTH, MAX_INTERESTS } from "@/lib/profile/limits";

const tidy = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Interests as tags: type one and press Enter (or a comma) to add it; × removes it. Each tag is
 * submitted as its own `interests` field.
 */
export function InterestsInput({ initial, error }: { initial: string[]; error?: string }) {
  const id = useId();
  const [tags, setTags] = useState(initial);
  const [draft, setDraft] = useState("");
  const full = tags.length >= MAX_INTERESTS;

  function add(raw: string) {
    const tag = tidy(raw).slice(0, MAX_INTEREST_LENGTH);
    if (tag && !tags.includes(tag) && !full) setTags([...tags, tag]);
    setDraft("");
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add(draft);
    } else if (e.key === "Backspace" && draft === "" && tags.length > 0) {
      setTags(tags.slice(0, -1));
    }
  }

  return (
    <div>
      <label htmlFor={id} className="label">
        Interests <span className="font-normal text-slate-500">({tags.length}/{MAX_INTERESTS})</span>
      </label>
      <div className={`field flex min-h-11 flex-wrap items-center gap-1.5 py-1.5 focus-within:border-pink-500 focus-within:ring-2 focus-within:ring-pink-200 ${error ? "border-red-400" : ""}`}>
        {tags.map((tag) => (
          <span key={tag} className="inline-flex items-center gap-1 rounded-full bg-pink-100 py-0.5 pl-2.5 pr-1 text-sm font-medium text-pink-900">
            {tag}
            <input type="hidden" name="interests" value={tag} />
            <button
              type="button"
              onClick={() => setTags(tags.filter((t) => t !== tag))}
              aria-label={`Remove ${tag}`}
              className="inline-flex size-5 items-center justify-center rounded-full text-pink-700 hover:bg-pink-200"
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          value={draft}
          onChange={(e) => (e.target.value.endsWith(",") ? add(e.target.value.slice(0, -1)) : setDraft(e.target.value))}
          onKeyDown={onKeyDown}
          onBlur={() => draft && add(draft)}
          maxLength={MAX_INTEREST_LENGTH}
          disabled={full}
          placeholder={full ? "That's plenty!" : tags.length ? "Add another…" : "e.g. hiking, jazz, cooking"}
          className="min-w-32 flex-1 border-0 bg-transparent p-1 text-base outline-none placeholder:text-slate-400"
          aria-describedby={`${id}-hint`}
        />
      </div>
      <p id={`${id}-hint`} className={`mt-1 text-xs ${error ? "text-red-700" : "text-slate-500"}`}>
        {error ?? "Press Enter after each one. Shared interests show on your match cards."}
      </p>
    </div>
  );
}
