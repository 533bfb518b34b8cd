import "server-only";
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { isRelayCandidate, relayOnlySdp, withoutRelatedAddress } from "@/lib/media/direct";
import { sessionInclude, toSessionView } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";
import { HttpError, badRequest, conflict, notFound, tooMany } from "@/lib/http/http-error";

// Signalling for the direct-WebRTC path: the two members of a session swap the offer, the answer
// and ICE candidates through these rows. Only they can read or write them, only while the
// session rings or is active; the lifecycle deletes them when the session ends.

export const MAX_SIGNAL_PAYLOAD_BYTES = 32 * 1024;
/** An offer, an answer, a few dozen candidates and some ICE restarts fit many times over. */
export const MAX_SIGNALS_PER_SESSION = 200;
const MAX_SIGNALS_PER_READ = 100;

const description = z.object({ sdp: z.string().min(1) }).strict();
const candidate = z
  .object({
    candidate: z.string(),
    sdpMid: z.string().nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).nullable().optional(),
    usernameFragment: z.string().nullable().optional(),
  })
  .strict();

/** One message as a member sends it. Payloads mirror RTCSessionDescriptionInit / RTCIceCandidateInit. */
export const signalInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("offer"), payload: description }).strict(),
  z.object({ type: z.literal("answer"), payload: description }).strict(),
  z.object({ type: z.literal("candidate"), payload: candidate }).strict(),
  z.object({ type: z.literal("bye"), payload: z.object({}).strict().default({}) }).strict(),
]);

export type SignalInput = z.infer<typeof signalInput>;

/** One message as the other member reads it; ids are BigInts, sent as strings. */
export type SignalMessage = SignalInput & { id: string; created_at: string };

/** Polling cursor: the id of the last message read ("0" for none). */
export const afterIdParam = z
  .string()
  .regex(/^\d{1,18}$/, "must be a message id")
  .default("0")
  .transform((v) => BigInt(v));

/**
 * The session as this member sees it, or 404 for anyone else (its existence is not revealed, nor
 * after a block). Null when it is over: ended, or past its ring timeout or cap, which count as
 * over before anything has marked them so.
 */
async function liveSessionFor(db: Tx | typeof prisma, userId: number, sessionId: string): Promise<SessionView | null> {
  const s = await db.callSession.findUnique({ where: { id: sessionId }, include: sessionInclude });
  if (!s || (s.callerId !== userId && s.calleeId !== userId) || s.match.status === "blocked") throw notFound("Call not found.");
  const view = toSessionView(s, userId);
  const t = now().getTime();
  if (view.status === "ringing") return view.rings_until && Date.parse(view.rings_until) > t ? view : null;
  if (view.status === "active") return !view.ends_at || Date.parse(view.ends_at) > t ? view : null;
  return null;
}

const callEnded = () => conflict("This call has ended.", "ended");

/**
 * Stores one message from a member to the other. Holds the session row while it checks and
 * writes, so the lifecycle ending the call either waits for this message (and deletes it with
 * the rest) or has ended it first (and this is refused): nothing is left behind in an ended
 * session. Only that row: the lifecycle locks the match before the session, and a second lock
 * here would risk a deadlock against it.
 */
export async function postSignal(userId: number, sessionId: string, raw: SignalInput): Promise<{ id: string }> {
  const input = env().ICE_TRANSPORT_POLICY === "relay" ? relayOnly(raw) : raw;
  if (Buffer.byteLength(JSON.stringify(input.payload)) > MAX_SIGNAL_PAYLOAD_BYTES) {
    throw new HttpError(413, "Signal payload is too large.");
  }
  return transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "CallSession" WHERE id = ${sessionId}::uuid FOR UPDATE`;
    if (!(await liveSessionFor(tx, userId, sessionId))) throw callEnded();
    if ((await tx.callSignal.count({ where: { sessionId } })) >= MAX_SIGNALS_PER_SESSION) {
      throw tooMany("Too many signalling messages for this call.");
    }
    const row = await tx.callSignal.create({
      data: { sessionId, fromUserId: userId, type: input.type, payload: input.payload },
      select: { id: true },
    });
    return { id: row.id.toString() };
  });
}

/**
 * Under the relay policy the browsers gather only TURN candidates; a modified client could still
 * send its own address, so the server refuses any other candidate and strips them from SDPs. A
 * relay candidate's related address (raddr/rport) can be the sender's own: it is zeroed.
 */
function relayOnly(input: SignalInput): SignalInput {
  switch (input.type) {
    case "candidate":
      // An empty candidate is the end-of-candidates marker.
      if (input.payload.candidate === "") return input;
      if (!isRelayCandidate(input.payload.candidate)) throw badRequest("Only relay ICE candidates are accepted on this server.");
      return { ...input, payload: { ...input.payload, candidate: withoutRelatedAddress(input.payload.candidate) } };
    case "offer":
    case "answer":
      return { ...input, payload: { sdp: relayOnlySdp(input.payload.sdp) } };
    default:
      return input;
  }
}

/** The other member's messages after `afterId`, oldest first. Polled, so it only reads. */
export async function signalsFor(userId: number, sessionId: string, afterId: bigint): Promise<SignalMessage[]> {
  const session = await liveSessionFor(prisma, userId, sessionId);
  if (!session) throw callEnded();
  const rows = await prisma.callSignal.findMany({
    where: { sessionId, fromUserId: session.other_user_id, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: MAX_SIGNALS_PER_READ,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    // Rows were validated with signalInput on the way in.
    ...signalInput.parse({ type: r.type, payload: r.payload }),
    created_at: r.createdAt.toISOString(),
  }));
}
