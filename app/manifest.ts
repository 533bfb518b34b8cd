import type { MetadataRoute } from "next";

// Lets phones install Meetcute as an app; iOS (16.4+) delivers Web Push only to installed apps.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Meetcute — video-first dating",
    short_name: "Meetcute",
    description: "Meet your match in a 60-second video call, then decide.",
    id: "/",
    start_url: "/dashboard",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#ec4899",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
