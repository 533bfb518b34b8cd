import "server-only";
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { DirectConnection, IceServer, IceTransportPolicy } from "@/lib/media/types";

const iceServersSchema = z.array(
  z.object({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

/**
 * ICE servers for the direct path, from the ICE_SERVERS env JSON (e.g. a coturn STUN/TURN
 * server). Unset means none: enough on localhost or a LAN. A malformed value fails loudly,
 * because silently dropping the TURN server would only show up as calls failing across networks.
 */
export function parseIceServers(iceServersJson: string | undefined): IceServer[] {
  if (iceServersJson === undefined || iceServersJson.trim() === "") return [];
  let raw: unknown;
  try {
    raw = JSON.parse(iceServersJson);
  } catch {
    throw new Error("ICE_SERVERS is not valid JSON; expected an array like [{\"urls\":\"stun:host:3478\"}].");
  }
  const parsed = iceServersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    const problem = issue?.message ?? "unexpected shape";
    throw new Error(`ICE_SERVERS is invalid${where}: ${problem}; expected an array of {urls, username?, credential?}.`);
  }
  return parsed.data;
}

export type DirectConfig = {
  ICE_SERVERS?: string;
  ICE_TRANSPORT_POLICY: IceTransportPolicy;
  TURN_URLS?: string;
  TURN_SECRET?: string;
  TURN_CREDENTIAL_TTL_SECONDS: number;
};

/**
 * Time-limited TURN credentials in coturn's `use-auth-secret` scheme (the "TURN REST API"):
 * username = "<expiry unix time>:<member id>", credential = base64(HMAC-SHA1(secret, username)).
 * No long-lived TURN password ever reaches a browser; these stop working after the TTL.
 */
export function turnCredentials(secret: string, memberId: number, ttlSeconds: number, at: Date): { username: string; credential: string } {
  const username = `${Math.floor(at.getTime() / 1000) + ttlSeconds}:${memberId}`;
  return { username, credential: createHmac("sha1", secret).update(username).digest("base64") };
}

export function directConnection(roomName: string, memberId: number, cfg: DirectConfig, at: Date): DirectConnection {
  const iceServers = parseIceServers(cfg.ICE_SERVERS);
  const turnUrls = (cfg.TURN_URLS ?? "").split(",").map((u) => u.trim()).filter(Boolean);
  if (turnUrls.length > 0) {
    if (!cfg.TURN_SECRET) throw new Error("TURN_URLS is set but TURN_SECRET is not; both are needed for TURN credentials.");
    iceServers.push({ urls: turnUrls, ...turnCredentials(cfg.TURN_SECRET, memberId, cfg.TURN_CREDENTIAL_TTL_SECONDS, at) });
  }
  if (cfg.ICE_TRANSPORT_POLICY === "relay" && !iceServers.some((s) => [s.urls].flat().some((u) => /^turns?:/.test(u)))) {
    throw new Error("ICE_TRANSPORT_POLICY=relay needs a TURN server: set TURN_URLS and TURN_SECRET, or a turn: entry in ICE_SERVERS.");
  }
  return { transport: "direct", roomName, iceServers, iceTransportPolicy: cfg.ICE_TRANSPORT_POLICY };
}

/** A candidate line ("candidate:… typ relay …") that goes through TURN. */
export function isRelayCandidate(candidate: string): boolean {
  return /\btyp relay\b/.test(candidate);
}

/** An SDP without any candidate line that is not a relay one. */
export function relayOnlySdp(sdp: string): string {
  return sdp
    .split("\r\n")
    .filter((line) => !line.startsWith("a=candidate:") || isRelayCandidate(line))
    .join("\r\n");
}
