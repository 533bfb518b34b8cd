import { ICEBREAKER_PROMPTS } from "@/lib/icebreakers/prompts";
import type { CallKind } from "@/lib/generated/prisma/enums";

// Which prompt a call shows, from what the session stores. Pure, so the server (the session
// view, "Another one") and the tests share one rule:
// - the first prompt is chosen from the session id, so both members see the same one;
// - each "Another one" moves one turn on, through every prompt before any repeats;
// - a first call shows its prompt from the start; a repeat call none until a member asks.

const COUNT = ICEBREAKER_PROMPTS.length;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Steps between consecutive prompts: far apart in the list, and coprime with its length, so a call visits every prompt. */
const STRIDE = [7, 11, 13, 17, 19, 23].find((s) => gcd(s, COUNT) === 1) ?? 1;

export interface Icebreaker {
  /** 0 for the session's first prompt, +1 for each "Another one". */
  turn: number;
  prompt: string;
}

/** A number from the session id (FNV-1a over its characters): where its prompts start. */
export function promptStart(sessionId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i++) {
    h ^= sessionId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % COUNT;
}

export function promptAt(sessionId: string, turn: number): Icebreaker {
  return { turn, prompt: ICEBREAKER_PROMPTS[(promptStart(sessionId) + turn * STRIDE) % COUNT]! };
}

/** What the call shows now: null on a repeat call nobody asked for one on. */
export function shownIcebreaker(s: { id: string; kind: CallKind; icebreakerTurn: number | null }): Icebreaker | null {
  const turn = s.icebreakerTurn ?? (s.kind === "first" ? 0 : null);
  return turn === null ? null : promptAt(s.id, turn);
}

/**
 * The turn after "Another one" from a member who was looking at `seenTurn` (null: none shown).
 * When the call has moved on since (the other member asked first), it stays where it is, so two
 * taps at once move it once and both sides keep showing the same prompt.
 */
export function nextIcebreakerTurn(s: { id: string; kind: CallKind; icebreakerTurn: number | null }, seenTurn: number | null): number | null {
  const current = shownIcebreaker(s)?.turn ?? null;
  if (current !== seenTurn) return null;
  return current === null ? 0 : current + 1;
}
