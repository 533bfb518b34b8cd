import { expect, type Page } from "@playwright/test";

// "The other side's picture is playing", for the video journeys: a picture size, then a playback
// clock that moves. Measured inside the page over a short window, so Playwright's round trips to a
// renderer starved on a loaded 2-core machine don't count, and so a <video> that was reloaded
// (its clock back at 0) or replaced by React is measured afresh rather than compared with the
// clock of the element before it. When it fails, the error carries what the page knew: the call
// state, the element, the peer connection's inbound counters and the page's last console lines.

const WINDOW_MS = 800;
/** At least this much playback during WINDOW_MS: frames are arriving, not a still. */
const MOVED_S = 0.3;

const kept = new WeakMap<Page, string[]>();

/** The page's console lines, kept from the moment this is called (for the failure message). */
export function keepConsole(page: Page): void {
  const lines: string[] = [];
  kept.set(page, lines);
  page.on("console", (m) => {
    lines.push(`${new Date().toISOString().slice(11, 23)} ${m.type()} ${m.text().slice(0, 200)}`);
    if (lines.length > 40) lines.shift();
  });
}

/** The lines keepConsole kept for `page` (none if it was not asked to). */
export function consoleLines(page: Page): string[] {
  return kept.get(page) ?? [];
}

async function whatThePageKnew(page: Page): Promise<string> {
  const inPage = await page
    .evaluate(async () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
      const pc = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs?.at(-1);
      const inbound = pc ? [...(await pc.getStats()).values()].filter((s) => s.type === "inbound-rtp").map((s) => `${s.kind} packets ${s.packetsReceived} decoded ${s.framesDecoded ?? "-"}`) : null;
      return {
        state: document.querySelector('[data-testid="call-state"]')?.textContent ?? null,
        video: v && { time: v.currentTime, width: v.videoWidth, paused: v.paused, frames: v.getVideoPlaybackQuality().totalVideoFrames, tracks: (v.srcObject as MediaStream | null)?.getTracks().map((t) => `${t.kind} ${t.readyState}${t.muted ? " muted" : ""}`) },
        pc: pc && { connection: pc.connectionState, ice: pc.iceConnectionState, inbound },
      };
    })
    .catch((e: unknown) => String(e));
  const lines = consoleLines(page);
  return `${JSON.stringify(inPage)}${lines.length ? `\nconsole:\n${lines.join("\n")}` : ""}`;
}

/** The remote picture shows (within `firstWithin`) and its clock moves (within `movingWithin`). */
export async function expectRemoteVideoPlaying(page: Page, { firstWithin = 20_000, movingWithin = 5_000 } = {}): Promise<void> {
  try {
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')?.videoWidth ?? 0) > 0, undefined, { polling: 50, timeout: firstWithin });
    // page.waitForFunction does not await a predicate's promise (a pending promise is truthy), so
    // the window is measured with evaluate, which does, and polled from here.
    const movedInWindow = () =>
      page.evaluate(
        async ({ windowMs, moved }) => {
          const at = () => document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
          const v = at();
          if (!v) return false;
          const t0 = v.currentTime;
          await new Promise((r) => setTimeout(r, windowMs));
          return at() === v && v.currentTime - t0 >= moved;
        },
        { windowMs: WINDOW_MS, moved: MOVED_S },
      );
    await expect.poll(movedInWindow, { timeout: movingWithin, intervals: [100] }).toBe(true);
  } catch (e) {
    throw new Error(`the other side's video is not playing: ${e instanceof Error ? e.message.split("\n")[0] : e}\n${await whatThePageKnew(page)}`);
  }
}
