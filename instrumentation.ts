// Runs once when the server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Fail at boot, not on the first request, when the configuration is wrong.
  const { env } = await import("@/lib/env");
  env();
  const { startSweeper } = await import("@/lib/calls/sweeper");
  startSweeper();
  // This instance's one LISTEN connection for member events (lib/events/), from boot on.
  const { startListener } = await import("@/lib/events/listener");
  startListener();
}
