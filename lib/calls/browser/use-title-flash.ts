"use client";

import { useEffect } from "react";

/**
 * While `message` is set, alternates the tab title between it and the page's own title every
 * second, so a call shows in the tab strip; restores the title when `message` goes away.
 */
export function useTitleFlash(message: string | null): void {
  useEffect(() => {
    if (!message) return;
    let original = document.title;
    const flip = () => {
      if (document.title === message) {
        document.title = original;
      } else {
        // Client navigations rewrite the title meanwhile; whatever isn't ours is the page's.
        original = document.title;
        document.title = message;
      }
    };
    flip();
    const timer = setInterval(flip, 1000);
    return () => {
      clearInterval(timer);
      if (document.title === message) document.title = original;
    };
  }, [message]);
}
