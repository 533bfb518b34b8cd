// The brand's heart, drawn rather than typed. The 💕 emoji it replaces made the first page a
// member sees load Chromium's colour-emoji font (Noto Color Emoji, ~10 MB) and shape with it:
// on Lighthouse's phone that was a layout of ~200 ms instead of ~50 ms and the largest paint
// ~0.5 s later (docs/benchmarks.md, "Lighthouse"). Sized by the text around it (1em).
export function HeartMark({ className = "" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={`inline-block size-[1em] align-[-0.125em] ${className}`}>
      <path
        fill="currentColor"
        d="M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z"
      />
    </svg>
  );
}
