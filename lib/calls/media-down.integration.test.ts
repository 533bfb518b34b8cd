// Sixty seconds of talk (issue 20, item 6): time in a connected first call during which the
// server saw the media down — check-ins reporting it stopped after it had played — moves the
// call's end later by that much, 30 s at most in all, decided from stored timestamps. On the real
// PostgreSQL, through the real route handlers, with the clock moved rather than waited for.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import { sweepExpiredSessions } from "@/lib/calls/expiry";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";

let t = 0;
let restore: () => void;
beforeEach(() => {
  t = Date.now();
  restore = setClock(() => new Date(t));
});
afterEach(() => restore());

type Who = { id: number };
/** Moves the clock `seconds` a second at a time, both members checking in at each step as their pages do. */
async function talk(seconds: number, who: [Who, Who], id: string, query: [string, string] = ["?media=connected", "?media=connected"]) {
  for (let left = seconds; left > 0; left -= 1) {
    t += Math.min(1, left) * 1000;
    await api.session(who[0], id, query[0]);
    await api.session(who[1], id, query[1]);
  }
}

async function connectedFirstCall() {
  const { sarah, john, match } = await createPair();
  const id: string = (await api.startCall(sarah, match.id)).json.session_id;
  t += 2_000;
  await api.join(john, id);
  // Both pages see the other's media: the evidence that it had played.
  await api.session(sarah, id, "?media=connected");
  await api.session(john, id, "?media=connected");
  const row = await prisma.callSession.findUniqueOrThrow({ where: { id } });
  const capEnd = row.answeredAt!.getTime() + row.capSeconds! * 1000;
  return { sarah, john, id, capEnd, cap: row.capSeconds! };
}

const endsAt = async (who: Who, id: string) => Date.parse((await api.session(who, id)).json.session.ends_at);
const row = (id: string) => prisma.callSession.findUniqueOrThrow({ where: { id } });

describe("a first call gets back the time the server saw its media down", () => {
  it("moves the end later by an 8 s outage both pages reported, and ends the call there", async () => {
    const { sarah, john, id, capEnd, cap } = await connectedFirstCall();
    await talk(18, [sarah, john], id);
    expect(await endsAt(sarah, id)).toBe(capEnd);

    await talk(8, [sarah, john], id, ["?media=down", "?media=down"]);
    // While it lasts the end moves with the clock: the countdown stands still. (The first "down"
    // check-in came a second into it.)
    expect(await endsAt(john, id)).toBe(capEnd + 7_000);
    await talk(1, [sarah, john], id);
    const moved = await endsAt(sarah, id);
    // From the first "down" check-in to the first "connected" one.
    expect(moved - capEnd).toBe(8_000);
    expect((await row(id)).mediaDownMs).toBe(8_000);
    expect(await endsAt(john, id)).toBe(moved); // both members see the same end

    // Past the cap the call goes on (both still checking in); at the moved end it is over, ended exactly there.
    await talk((capEnd + 1_000 - t) / 1000, [sarah, john], id);
    expect((await row(id)).status).toBe("active");
    await talk((moved + 500 - t) / 1000, [sarah, john], id);
    await sweepExpiredSessions();
    const ended = await row(id);
    expect(ended).toMatchObject({ status: "completed", endReason: "cap" });
    expect(ended.endedAt!.getTime()).toBe(moved);
    expect(ended.endedAt!.getTime() - ended.answeredAt!.getTime()).toBe((cap + 8) * 1000);
  });

  it("counts overlapping reports of the two members once (the time anybody saw it down)", async () => {
    const { sarah, john, id, capEnd } = await connectedFirstCall();
    await talk(10, [sarah, john], id);
    await talk(5, [sarah, john], id, ["?media=down", "?media=connected"]); // only Sarah's side down
    await talk(5, [sarah, john], id, ["?media=down", "?media=down"]);
    await talk(5, [sarah, john], id, ["?media=connected", "?media=down"]);
    await talk(5, [sarah, john], id);
    // Down from Sarah's first "down" (second 11) to John's first "connected" (second 26).
    expect(await endsAt(sarah, id)).toBe(capEnd + 15_000);
  });

  it("never gives more than 30 s, however long a page says the media is down", async () => {
    const { sarah, john, id, capEnd, cap } = await connectedFirstCall();
    await talk(cap - 5, [sarah, john], id, ["?media=down", "?media=connected"]);
    // Past the cap, still going: the outage under way keeps moving the end, up to the bound.
    expect((await row(id)).status).toBe("active");
    expect(await endsAt(john, id)).toBe(capEnd + 30_000);
    await talk((capEnd + 29_000 - t) / 1000, [sarah, john], id, ["?media=down", "?media=connected"]);
    expect((await row(id)).status).toBe("active");
    await talk(2, [sarah, john], id, ["?media=down", "?media=connected"]);
    await sweepExpiredSessions();
    const ended = await row(id);
    expect(ended.status).toBe("completed");
    expect(ended.endedAt!.getTime()).toBe(capEnd + 30_000);
  });

  it("counts nothing from a page whose media never played, and nothing on a repeat call", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    await api.join(john, id);
    const capEnd = (await endsAt(sarah, id));
    await talk(10, [sarah, john], id, ["?media=down", "?media=down"]);
    await talk(5, [sarah, john], id, ["", ""]);
    expect(await endsAt(sarah, id)).toBe(capEnd);
    expect((await row(id)).mediaDownSince).toBeNull();

    const mutual = await createPair("matched");
    const repeat: string = (await api.startCall(mutual.sarah, mutual.match.id)).json.session_id;
    await api.join(mutual.john, repeat);
    await talk(5, [mutual.sarah, mutual.john], repeat);
    await talk(10, [mutual.sarah, mutual.john], repeat, ["?media=down", "?media=down"]);
    expect(await row(repeat)).toMatchObject({ mediaDownSince: null, mediaDownMs: 0, callerMediaDown: false });
    expect((await api.session(mutual.sarah, repeat)).json.session.ends_at).toBeNull();
  });

  it("refuses any other media word", async () => {
    const { sarah, id } = await connectedFirstCall();
    expect((await api.session(sarah, id, "?media=gone")).status).toBe(400);
  });
});
