// npm run icons — draws the app icons in public/icons from one heart shape (run once; the PNGs
// are committed). sharp comes with Next.js, which uses it for images.
import { writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT = path.join(import.meta.dirname, "..", "public", "icons");
const HEART = "M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z";

/** A white heart on the site's pink; `inset` is the share of the side the heart leaves free. */
function icon({ rounded, inset, background = true }: { rounded: boolean; inset: number; background?: boolean }) {
  const scale = (512 * (1 - 2 * inset)) / 24;
  const offset = 512 * inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f472b6"/><stop offset="1" stop-color="#db2777"/></linearGradient></defs>
  ${background ? `<rect width="512" height="512" rx="${rounded ? 112 : 0}" fill="url(#g)"/>` : ""}
  <path d="${HEART}" fill="#fff" transform="translate(${offset} ${offset + scale * 0.6}) scale(${scale})"/>
</svg>`;
}

const outputs: [string, string, number][] = [
  ["icon.svg", icon({ rounded: true, inset: 0.2 }), 0],
  ["icon-192.png", icon({ rounded: true, inset: 0.2 }), 192],
  ["icon-512.png", icon({ rounded: true, inset: 0.2 }), 512],
  // Maskable: full bleed, the heart inside the central 80% safe zone.
  ["icon-maskable-512.png", icon({ rounded: false, inset: 0.27 }), 512],
  // iOS rounds the corners itself and shows transparency as black.
  ["apple-touch-icon.png", icon({ rounded: false, inset: 0.2 }), 180],
  // Android's status-bar badge: only the alpha channel counts.
  ["badge-96.png", icon({ rounded: false, inset: 0.1, background: false }), 96],
];

for (const [name, svg, size] of outputs) {
  const file = path.join(OUT, name);
  if (size === 0) writeFileSync(file, svg);
  else await sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9, palette: true }).toFile(file);
  console.log(`wrote public/icons/${name}`);
}
