// The journeys' camera: a small Y4M clip that Chromium's fake capture device loops
// (`--use-file-for-fake-video-capture`), instead of its built-in 1280×720 test pattern.
//
// Why: the suite runs on 2 cores, and with the built-in pattern each call page encoded and
// decoded 720p video (the app asks for 1280×720): that alone took 30–40 % of both cores during a
// call journey, at 20 or 10 fps alike (docs/testing.md, "Where the time goes"). The clip is
// 320×240 at 15 fps, so a call's video costs a fraction of that, and the journeys' time budgets
// measure our code rather than the encoder queue. The app is unchanged: it still asks for 720p,
// and a real camera still gives it; a file device has one format and gives that.
//
// The picture keeps what the journeys measure: mostly green (blur-reveal tells the camera from
// the placeholder by green), with a sharp black-and-white checkerboard that moves every frame
// (sharpness for blur-reveal, and frames that differ so `currentTime` and the encoder keep going).
// The screenshot specs (`npm run screenshots`) and specs that launch their own browser with
// CHROMIUM_ARGS (device-check needs three named fake devices) keep Chromium's own pattern.
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FAKE_CAMERA = { width: 320, height: 240, fps: 15, frames: 30 } as const;

const GREEN = [46, 160, 67] as const;
const CELL_PX = 8;
const BOARD = { width: 96, height: 64 };

/** Full-range BT.601 (Y4M "C420jpeg"). */
function yuv([r, g, b]: readonly number[]): [number, number, number] {
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return [clamp(0.299 * r + 0.587 * g + 0.114 * b), clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b), clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)];
}

/** The RGB colour of pixel (x, y) in frame f. */
function pixel(x: number, y: number, f: number): readonly number[] {
  const { width, height, frames } = FAKE_CAMERA;
  // The board travels left to right and back once per loop, so the clip loops without a jump.
  const travel = width - BOARD.width - 32;
  const phase = f / frames;
  const left = 16 + Math.round(travel * (phase < 0.5 ? phase * 2 : 2 - phase * 2));
  const top = Math.round((height - BOARD.height) / 2);
  const bx = x - left;
  const by = y - top;
  if (bx < 0 || by < 0 || bx >= BOARD.width || by >= BOARD.height) return GREEN;
  return (Math.floor(bx / CELL_PX) + Math.floor(by / CELL_PX)) % 2 === 0 ? [255, 255, 255] : [0, 0, 0];
}

export function fakeCameraClip(): Buffer {
  const { width, height, fps, frames } = FAKE_CAMERA;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from("FRAME\n");
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const parts: Buffer[] = [header];
  for (let f = 0; f < frames; f++) {
    const plane = Buffer.alloc(ySize + 2 * cSize);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) plane[y * width + x] = yuv(pixel(x, y, f))[0];
    for (let y = 0; y < height / 2; y++)
      for (let x = 0; x < width / 2; x++) {
        const [, u, v] = yuv(pixel(x * 2, y * 2, f));
        plane[ySize + y * (width / 2) + x] = u;
        plane[ySize + cSize + y * (width / 2) + x] = v;
      }
    parts.push(frameHeader, plane);
  }
  return Buffer.concat(parts);
}

/** Writes the clip once per machine (it is deterministic) and returns its path. */
export function fakeCameraFile(dir = join(tmpdir(), "meetcute-e2e")): string {
  const { width, height, fps, frames } = FAKE_CAMERA;
  const file = join(dir, `camera-v1-${width}x${height}-${fps}fps-${frames}.y4m`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, fakeCameraClip());
  renameSync(partial, file);
  return file;
}

/** The flag that makes every page's camera the clip. */
export const fakeCameraArg = () => `--use-file-for-fake-video-capture=${fakeCameraFile()}`;
