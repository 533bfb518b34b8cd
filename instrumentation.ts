// Runs once when the server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Fail at boot, not on the first request, when the configuration is wrong.
  const { env } = await import("@/lib/env");
  const config = env();
  // No proxy in front: the client address is the socket's, never a header the client wrote.
  const { pinClientAddressToSocket } = await import("@/lib/http/socket-address");
  pinClientAddressToSocket(config.TRUSTED_PROXY_HOPS);
  const { onDrain, drainOnSignals } = await import("@/lib/server/shutdown");
  const { closeAllStreams } = await import("@/lib/events/hub");
  const { settleBackgroundEffects } = await import("@/lib/db/transaction");
  const { startSweeper } = await import("@/lib/calls/sweeper");
  const { startPresence } = await import("@/lib/calls/presence");
  const { startListener, stopListener } = await import("@/lib/events/listener");
  const stopSweeper = startSweeper();
  // This instance's aliveAt and the release of members whose check-ins stopped (lib/calls/presence.ts).
  const stopPresence = startPresence();
  // Report snapshots past their retention (docs/data-retention.md), hourly.
  const { startSnapshotPurge } = await import("@/lib/safety/snapshots");
  const stopSnapshotPurge = startSnapshotPurge();
  // The photo and snapshot re-encoder, loaded now rather than on a member's first report.
  const { warmPhotoEncoder } = await import("@/lib/profile/photo-encoding");
  void warmPhotoEncoder();
  // This instance's one LISTEN connection for member events (lib/events/), from boot on.
  startListener();
  // On SIGTERM, in this order (lib/server/shutdown.ts says why).
  onDrain("close event streams", () => closeAllStreams("shutdown"));
  onDrain("stop the sweeper", stopSweeper);
  onDrain("release call presence", stopPresence);
  onDrain("stop the snapshot purge", stopSnapshotPurge);
  onDrain("finish background effects", settleBackgroundEffects);
  onDrain("release the event listener", stopListener);
  drainOnSignals();
}
