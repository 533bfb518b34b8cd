// Small inline line icons, decorative (what they stand for is in the control's label). Drawn, not
// typed as emoji: the first emoji on a page makes the browser load its colour-emoji font and shape
// with it, a long layout on a phone (see HeartMark.tsx).

export type IconProps = { className?: string };

export function Svg({ className = "size-6", children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className}>
      {children}
    </svg>
  );
}

/** A handset; crossed out when calls are paused. */
export function PhoneIcon({ off, className }: IconProps & { off?: boolean }) {
  return (
    <Svg className={className}>
      <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z" />
      {off && <path d="M3 3l18 18" />}
    </Svg>
  );
}

/** A bell; crossed out when the ringtone is off. */
export function BellIcon({ off, className }: IconProps & { off?: boolean }) {
  return (
    <Svg className={className}>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.9 1.9 0 0 0 3.4 0" />
      {off && <path d="M3 3l18 18" />}
    </Svg>
  );
}
