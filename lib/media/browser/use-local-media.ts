"use client";

import { useEffect, useState } from "react";
import { acquireLocalMedia, stopLocalMedia, type LocalMedia } from "@/lib/media/browser/local-media";

/** Camera and mic for as long as the call page is open; null while the browser is asking. */
export function useLocalMedia(): LocalMedia | null {
  const [media, setMedia] = useState<LocalMedia | null>(null);
  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    void acquireLocalMedia().then((result) => {
      if (cancelled) stopLocalMedia(result.stream);
      else {
        stream = result.stream;
        setMedia(result);
      }
    });
    // Turns the camera light off when the member leaves the page.
    return () => {
      cancelled = true;
      stopLocalMedia(stream);
    };
  }, []);
  return media;
}
