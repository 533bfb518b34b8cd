import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: "Meetcute — video-first dating",
  description: "Meet your match in a 60-second video call, then decide.",
  icons: { icon: "/icons/icon.svg", apple: "/icons/apple-touch-icon.png" },
  // Installed on an iPhone (Share → Add to Home Screen) it opens full screen, and can get Web Push.
  appleWebApp: { capable: true, title: "Meetcute", statusBarStyle: "default" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#ec4899" };

// Every page renders per request: the CSP nonce (proxy.ts) is new each time, and Next.js can
// only put it on the scripts of a page it renders now, not of one prerendered at build time.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        {children}
      </body>
    </html>
  );
}
