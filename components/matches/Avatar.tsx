const SIZES = {
  sm: "size-10 text-base",
  md: "size-14 text-xl",
  lg: "size-20 text-3xl",
  xl: "size-28 text-4xl",
} as const;

/** A member's photo, or their initial on the brand gradient when they have none. */
export function Avatar({ name, photoUrl, size = "md", className = "" }: { name: string; photoUrl: string | null; size?: keyof typeof SIZES; className?: string }) {
  const box = `${SIZES[size]} shrink-0 rounded-full ${className}`;
  if (photoUrl) {
    // A plain <img>: photos are served to signed-in members only, which the image optimiser isn't.
    return <img src={photoUrl} alt="" className={`${box} bg-slate-100 object-cover`} />;
  }
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span aria-hidden="true" className={`${box} flex items-center justify-center bg-gradient-to-br from-pink-400 to-purple-500 font-bold text-white`}>
      {initial}
    </span>
  );
}
