// Small inline icons for the call controls (decorative: the buttons carry text labels).

import { Svg, type IconProps } from "@/components/ui/icons";

export function MicIcon({ off, className }: IconProps & { off?: boolean }) {
  return (
    <Svg className={className}>
      <rect x="9" y="2" width="6" height="12" rx="3" />
      <path d="M5 10a7 7 0 0 0 14 0M12 17v4M8 21h8" />
      {off && <path d="M3 3l18 18" />}
    </Svg>
  );
}

export function CameraIcon({ off, className }: IconProps & { off?: boolean }) {
  return (
    <Svg className={className}>
      <rect x="2" y="6" width="14" height="12" rx="2" />
      <path d="M16 10l6-3v10l-6-3" />
      {off && <path d="M3 3l18 18" />}
    </Svg>
  );
}

export function HangUpIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M3 14.5c5-4.7 13-4.7 18 0l-2.2 2.6-3.6-1.5v-2.5a10 10 0 0 0-6.4 0v2.5l-3.6 1.5z" fill="currentColor" />
    </Svg>
  );
}

export function SpeakerIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M11 5 6 9H2v6h4l5 4V5z" />
      <path d="M15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />
    </Svg>
  );
}

export function SettingsIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
      <circle cx="16" cy="6" r="2" />
      <circle cx="10" cy="12" r="2" />
      <circle cx="18" cy="18" r="2" />
    </Svg>
  );
}

export function FlipCameraIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M20 7h-3l-2-3H9L7 7H4a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V9a2 2 0 0 0-2-2z" />
      <path d="M9 13a3 3 0 0 1 5-2.2M15 13a3 3 0 0 1-5 2.2M14 9v2h-2M10 17v-2h2" />
    </Svg>
  );
}
