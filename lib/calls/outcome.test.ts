import { describe, expect, it } from "vitest";
import { endedNotice, isUnansweredOutcome, outcomeText, pathAfterCall, stateText } from "@/lib/calls/outcome";
import type { SessionView } from "@/lib/calls/types";

describe("pathAfterCall", () => {
  it("sends a first call that connected to the decision, everything else back to the match", () => {
    expect(pathAfterCall({ status: "completed", cap_seconds: 60, match_id: 4 })).toBe("/matches/4/decide");
    expect(pathAfterCall({ status: "completed", cap_seconds: null, match_id: 4 })).toBe("/matches/4");
    // A first call whose media never connected does not use up the first call: no decision yet.
    expect(pathAfterCall({ status: "failed", cap_seconds: 60, match_id: 4 })).toBe("/matches/4");
  });
});

describe("outcomeText", () => {
  it("tells the caller what happened to the call", () => {
    const caller = { role: "caller" as const, other_user_name: "Sarah" };
    expect(outcomeText({ ...caller, status: "declined" }).title).toBe("Sarah declined");
    expect(outcomeText({ ...caller, status: "missed" }).title).toBe("No answer");
    expect(outcomeText({ ...caller, status: "cancelled" }).title).toBe("Call cancelled");
  });

  it("tells the callee from their side", () => {
    expect(outcomeText({ role: "callee", other_user_name: "Sarah", status: "cancelled" }).title).toBe("Sarah cancelled the call");
    expect(outcomeText({ role: "callee", other_user_name: "Sarah", status: "missed" }).title).toBe("Missed call");
  });

  it("knows which endings are shown rather than navigated away from", () => {
    expect(["declined", "missed", "cancelled"].every((s) => isUnansweredOutcome(s as "declined"))).toBe(true);
    expect(isUnansweredOutcome("completed")).toBe(false);
    expect(isUnansweredOutcome("active")).toBe(false);
  });
});

describe("stateText", () => {
  it("names each connection state", () => {
    expect(stateText("connecting", "Sarah", false)).toBe("Connecting…");
    expect(stateText("connected", "Sarah", true)).toBe("Connected");
    expect(stateText("reconnecting", "Sarah", true)).toBe("Reconnecting…");
    expect(stateText("peer-left", "Sarah", true)).toBe("Sarah left");
    expect(stateText("failed", "Sarah", false)).toBe("Couldn't connect");
    expect(stateText("failed", "Sarah", true)).toBe("Connection lost");
  });
});

describe("endedNotice", () => {
  const ended = (status: SessionView["status"], end_reason: SessionView["end_reason"], ended_by: SessionView["ended_by"]) =>
    endedNotice({ status, end_reason, ended_by, other_user_name: "Omar" });

  it("says whose connection was lost where the server named it, and blames nobody where a page only saw the path fail", () => {
    expect(ended("completed", "left", "them")).toEqual({ text: "Omar's connection dropped, so the call ended.", error: false });
    expect(ended("completed", "left", "you")).toEqual({ text: "Your connection dropped for too long, so the call ended.", error: true });
    expect(ended("completed", "left", null)?.text).toBe("The connection with Omar was lost, so the call ended.");
    for (const by of ["you", "them"] as const) expect(ended("completed", "connection_lost", by)).toEqual({ text: "The connection with Omar was lost, so the call ended.", error: false });
  });

  it("a failed call: it never connected, or was lost before it really started", () => {
    expect(ended("failed", "media_failed", "you")).toEqual({ text: "The video couldn't connect. You can try calling again.", error: true });
    expect(ended("failed", "connection_lost", "them")?.text).toBe("The connection dropped before your call really started. You can call again.");
  });

  it("the other's hang-up and a moderator are said; one's own hang-up and the cap are not", () => {
    expect(ended("completed", "hangup", "them")?.text).toBe("Omar ended the call.");
    expect(ended("completed", "admin", null)?.text).toBe("A moderator ended this call.");
    expect(ended("completed", "hangup", "you")).toBeNull();
    expect(ended("completed", "cap", null)).toBeNull();
  });

  it("says nothing of a reason the member is not shown (a ban, a block: 'other'), nor of calls never answered", () => {
    expect(ended("completed", "other", null)).toBeNull();
    expect(ended("missed", "timeout", null)).toBeNull();
    expect(ended("declined", "declined", "them")).toBeNull();
  });
});
