import { env } from "@/lib/env";
import { now } from "@/lib/clock";
import { endSessionBySystem } from "@/lib/calls/end-by-system";
import { recordMediaEvidence } from "@/lib/calls/check-in";
import { notFound } from "@/lib/http/http-error";
import { readBodyCapped } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { log } from "@/lib/log";
import { liveKitConfig, mediaEvidenceSignal, roomJoinSignal, sessionEndSignal, verifyWebhook } from "@/lib/media/livekit";
import { webhookReceipts } from "@/lib/media/webhook-receipts";
import { evictIfNotLive } from "@/lib/media/rooms";

export const dynamic = "force-dynamic";

// LiveKit's events are a few KB; anything much larger is not from LiveKit.
const MAX_WEBHOOK_BYTES = 64 * 1024;

// LiveKit tells us when a member publishes a track (evidence that the call's media connected) and
// when a call's room finished or a member left it for good; the session then ends as it would on
// a hang-up. The signature covers the exact bytes, so the body is read raw, and streamed with a
// cap before any verification (a chunked body has no length to check).
// Exempt from route()'s CSRF rules: LiveKit's server sends `application/webhook+json` and no
// cookie; the signature is the authentication, which a cross-site page cannot forge.
export const POST = route(
  async (req) => {
    const cfg = liveKitConfig(env());
    if (!cfg) throw notFound("LiveKit is not configured.");
    const body = new TextDecoder().decode(await readBodyCapped(req, MAX_WEBHOOK_BYTES));
    const event = await verifyWebhook(cfg, body, req.headers.get("authorization"), { now: now(), seenIds: webhookReceipts });
    const evidence = mediaEvidenceSignal(event);
    if (evidence) {
      const recorded = await recordMediaEvidence(evidence.sessionId, evidence.userId);
      log.info({ ...evidence, recorded }, "livekit webhook: track published");
      return { ok: true };
    }
    const joined = roomJoinSignal(event);
    if (joined) {
      if (await evictIfNotLive(cfg, joined.sessionId, joined.identity)) log.warn(joined, "livekit webhook: evicted a join into an ended call");
      return { ok: true };
    }
    const signal = sessionEndSignal(event);
    if (!signal) return { ok: true };
    const ended = await endSessionBySystem(signal.sessionId, "left");
    log.info({ sessionId: signal.sessionId, event: signal.reason, status: ended?.status ?? null }, "livekit webhook");
    return { ok: true };
  },
  { accepts: ["application/webhook+json"], crossSite: "allowed" },
);
