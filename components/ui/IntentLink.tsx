"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

type Props = Omit<ComponentProps<typeof Link>, "prefetch" | "href"> & { href: string };

/**
 * A `next/link` that prefetches its page when the member reaches for it (pointer over, focus,
 * touch: the ~100–300 ms before a click), not as soon as it is on screen. Every page here is
 * rendered per request (the nonce CSP), so Next.js's viewport prefetch made each link a server
 * render at every page load: 8 RSC requests per dashboard view for the header's four links,
 * their answers decoded on the phone's main thread while it hydrates.
 */
export function IntentLink({ href, onPointerEnter, onFocus, onTouchStart, ...props }: Props) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onPointerEnter={(e) => {
        prefetch();
        onPointerEnter?.(e);
      }}
      onFocus={(e) => {
        prefetch();
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        prefetch();
        onTouchStart?.(e);
      }}
    />
  );
}
