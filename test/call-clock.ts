// Calls on an injected clock, for tests of the time rules: a clock the test moves, both members
// checking in as their call pages do, and a whole call from ring to hang-up.
import { expect } from "vitest";
import { setClock } from "@/lib/clock";
import { api } from "@/test/api";

/** Both members' call pages checking in (as they do every 1.5 s) while `seconds` pass. */
export async function talk(a: { id: number }, b: { id: number }, sessionId: string, seconds: number, clock: Clock) {
  for (let left = seconds; left > 0; left -= 10) {
    clock.advance(Math.min(10, left));
    for (const who of [a, b]) expect((await api.session(who, sessionId)).status).toBe(200);
  }
}

/** Runs a call from ring to hang-up, `seconds` long, on a fake clock. */
export async function connectedCall(caller: { id: number }, callee: { id: number }, matchId: number, seconds: number, clock: Clock) {
  const start = await api.startCall(caller, matchId);
  expect(start.status).toBe(200);
  clock.advance(2);
  const join = await api.join(callee, start.json.session_id);
  expect(join.status).toBe(200);
  expect(join.json.session.status).toBe("active");
  await talk(caller, callee, start.json.session_id, seconds, clock);
  const end = await api.end(caller, start.json.session_id);
  expect(end.status).toBe(200);
  return end.json.session;
}

export interface Clock {
  advance(seconds: number): void;
}

export function fakeClock(): Clock & { restore: () => void } {
  let t = Date.now();
  const restore = setClock(() => new Date(t));
  return { advance: (s) => void (t += s * 1000), restore };
}
