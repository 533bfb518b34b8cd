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
  TURN_CREDENTIAL_TTL_SECONDS?: number;
  RING_TIMEOUT_SECONDS: number;
  FIRST_CALL_CAP_SECONDS: number;
};

/** Beyond the longest first call: clock skew between us and the TURN server, and a slow join. */
export const TURN_TTL_MARGIN_SECONDS = 60;

/**
 * How long a join's TURN credentials last: a call joined at the first ring, answered at the last
 * moment and run to its cap still makes its allocation in time, and a leaked credential is dead
 * minutes later rather than in an hour. A TURN server checks them when an allocation is made; a
 * rejoin fetches new ones. TURN_CREDENTIAL_TTL_SECONDS overrides it.
 */
export function turnCredentialTtlSeconds(cfg: Pick<DirectConfig, "TURN_CREDENTIAL_TTL_SECONDS" | "RING_TIMEOUT_SECONDS" | "FIRST_CALL_CAP_SECONDS">): number {
  return cfg.TURN_CREDENTIAL_TTL_SECONDS ?? cfg.RING_TIMEOUT_SECONDS + cfg.FIRST_CALL_CAP_SECONDS + TURN_TTL_MARGIN_SECONDS;
}

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
    iceServers.push({ urls: turnUrls, ...turnCredentials(cfg.TURN_SECRET, memberId, turnCredentialTtlSeconds(cfg), at) });
  }
  if (cfg.ICE_TRANSPORT_POLICY === "relay" && !iceServers.some((s) => [s.urls].flat().some((u) => /^turns?:/.test(u)))) {
    throw new Error("ICE_TRANSPORT_POLICY=relay needs a TURN server: set TURN_URLS and TURN_SECRET, or a turn: entry in ICE_SERVERS.");
  }
  return { transport: "direct", roomName, iceServers, iceTransportPolicy: cfg.ICE_TRANSPORT_POLICY };
}

/**
 * A candidate's fields — `candidate:<foundation> <component> <transport> <priority> <address>
 * <port> typ <type>`, then `<name> <value>` pairs such as `raddr`/`rport` (RFC 8839 §5.1) — or
 * null when it is not one. Positional, so neither a foundation nor an extension that happens to
 * read "typ relay" or "raddr" can pass for the real field.
 */
function candidateFields(candidate: string): string[] | null {
  const fields = candidate.replace(/^a=/, "").split(" ");
  return fields.length >= 8 && fields[0]!.startsWith("candidate:") && fields[6] === "typ" ? fields : null;
}

/** A candidate line ("candidate:… typ relay …") that goes through TURN. */
export function isRelayCandidate(candidate: string): boolean {
  return candidateFields(candidate)?.[7] === "relay";
}

/**
 * The candidate with its related address zeroed (`raddr 0.0.0.0 rport 0`, as Chrome sends a relay
 * candidate's). A relay candidate's related address is where its TURN allocation was made from:
 * some browsers (Firefox) put the member's own address there.
 */
export function withoutRelatedAddress(candidate: string): string {
  const fields = candidateFields(candidate);
  if (!fields) return candidate;
  for (let i = 8; i + 1 < fields.length; i += 2) {
    if (fields[i] === "raddr") fields[i + 1] = "0.0.0.0";
    else if (fields[i] === "rport") fields[i + 1] = "0";
  }
  return (candidate.startsWith("a=") ? "a=" : "") + fields.join(" ");
}

/**
 * An SDP keeping only relay candidate lines, their related addresses zeroed. Lines end at LF, with
 * or without CR, as browsers read them (Chromium accepts an SDP with bare LFs).
 */
export function relayOnlySdp(sdp: string): string {
  return sdp
    .split("\n")
    .flatMap((line) => {
      if (!line.startsWith("a=candidate:")) return [line];
      const cr = line.endsWith("\r") ? "\r" : "";
      const candidate = cr ? line.slice(0, -1) : line;
      return isRelayCandidate(candidate) ? [withoutRelatedAddress(candidate) + cr] : [];
    })
    .join("\n");
}
