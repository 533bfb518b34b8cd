import type { ConnectionQuality, QualityVerdict } from "@/lib/media/browser/connection-quality";

const LABEL: Record<ConnectionQuality, string> = { good: "good", poor: "poor", lost: "lost" };
const BARS: Record<ConnectionQuality, number> = { good: 3, poor: 2, lost: 0 };
const COLOUR: Record<ConnectionQuality, string> = { good: "bg-emerald-400", poor: "bg-amber-400", lost: "bg-red-500" };

function Bars({ quality }: { quality: ConnectionQuality }) {
  return (
    <span aria-hidden="true" className="flex h-3 items-end gap-px">
      {[1, 2, 3].map((n) => (
        <span key={n} className={`w-1 rounded-sm ${n <= BARS[quality] ? COLOUR[quality] : "bg-white/30"}`} style={{ height: `${n * 33}%` }} />
      ))}
    </span>
  );
}

/** "You ▂▄▆ good · Sarah ▂▄ poor": how each side's connection is doing, from the transport's verdict. */
export function ConnectionQualityIndicator({ quality, otherName }: { quality: QualityVerdict; otherName: string }) {
  const items = [
    { who: "You", whose: "Your", q: quality.self, testId: "quality-self" },
    { who: otherName, whose: `${otherName}'s`, q: quality.other, testId: "quality-other" },
  ];
  return (
    <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-white/80">
      {items.map((i) => (
        <span key={i.testId} data-testid={i.testId} data-quality={i.q} className="flex items-center gap-1">
          <Bars quality={i.q} />
          <span className="sr-only">{`${i.whose} connection: ${LABEL[i.q]}`}</span>
          <span aria-hidden="true">
            {i.who} {LABEL[i.q]}
          </span>
        </span>
      ))}
    </p>
  );
}
