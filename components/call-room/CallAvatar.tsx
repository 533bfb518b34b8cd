// The other member's photo, or their initial on a gradient when they have none.

export function CallAvatar({ name, photoUrl, className = "size-12 text-lg" }: { name: string; photoUrl: string | null; className?: string }) {
  if (photoUrl) return <img src={photoUrl} alt="" className={`shrink-0 rounded-full object-cover ${className}`} />;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span aria-hidden="true" className={`flex shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-pink-500 to-purple-600 font-bold text-white ${className}`}>
      {initial}
    </span>
  );
}
