// Chromium's flags for every journey (playwright.config.ts); a spec that needs one more (e.g. an
// autoplay policy) launches with these plus its own.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  // Hidden tabs must keep polling and ringing as in real browsers with a visible window.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
];
