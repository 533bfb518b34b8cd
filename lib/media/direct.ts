import "server-only";
import { z } from "zod";
import type { DirectConnection, IceServer } from "@/lib/media/types";

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

export function directConnection(roomName: string, iceServersJson: string | undefined): DirectConnection {
  return { transport: "direct", roomName, iceServers: parseIceServers(iceServersJson) };
}
