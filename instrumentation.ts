// Runs once when the server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startSweeper } = await import("@/lib/calls/sweeper");
  startSweeper();
}
