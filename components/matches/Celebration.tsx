import type { CSSProperties } from "react";
import { Avatar } from "@/components/matches/Avatar";
import styles from "@/components/matches/Celebration.module.css";

const COLORS = ["#ec4899", "#a855f7", "#f59e0b", "#22c55e", "#3b82f6", "#f43f5e"];
// Fixed rather than random, so server and browser render the same pieces.
const PIECES = Array.from({ length: 28 }, (_, i) => ({
  left: `${(i * 37) % 100}%`,
  color: COLORS[i % COLORS.length],
  delay: `${((i * 7) % 12) / 10}s`,
  duration: `${2.4 + ((i * 5) % 9) / 10}s`,
  drift: `${((i * 13) % 9) - 4}rem`,
  spin: `${360 + ((i * 47) % 360)}deg`,
}));

/** "🎉 It's a match!" with falling confetti (only when the member allows motion). */
export function Celebration({ otherName, otherPhotoUrl, children }: { otherName: string; otherPhotoUrl: string | null; children: React.ReactNode }) {
  return (
    <section className="card relative overflow-hidden border-green-300 bg-gradient-to-b from-green-50 via-white to-pink-50 px-6 py-10 text-center" data-testid="mutual-celebration">
      <div className={styles.confetti} aria-hidden="true">
        {PIECES.map((p, i) => (
          <span
            key={i}
            className={styles.piece}
            style={{ left: p.left, background: p.color, "--delay": p.delay, "--duration": p.duration, "--drift": p.drift, "--spin": p.spin } as CSSProperties}
          />
        ))}
      </div>
      <div className="relative">
        <div className="relative mx-auto w-fit">
          <Avatar name={otherName} photoUrl={otherPhotoUrl} size="xl" className="ring-4 ring-white shadow-lg" />
          <span aria-hidden="true" className={`absolute -bottom-2 -right-3 text-5xl drop-shadow ${styles.heart}`}>
            💕
          </span>
        </div>
        <h1 className="mt-4 text-3xl font-extrabold tracking-tight text-green-700 sm:text-4xl">🎉 It&apos;s a match!</h1>
        <p className="mx-auto mt-2 max-w-sm text-slate-700">
          You and {otherName} both said yes. Call each other again whenever you like — as often as you like.
        </p>
        <div className="mx-auto mt-6 max-w-xs space-y-3">{children}</div>
      </div>
    </section>
  );
}
