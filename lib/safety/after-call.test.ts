import { describe, expect, it } from "vitest";
import { callToAskAbout } from "@/lib/safety/after-call";

const call = (o: Partial<{ session_id: string; status: string; call_type: string; started_at: string; ended_at: string | null }>) =>
  ({
    session_id: "s",
    status: "completed",
    call_type: "Repeat Call 💕",
    caller_is_me: true,
    started_at: "2026-01-01T10:00:00.000Z",
    answered_at: "2026-01-01T10:00:05.000Z",
    ended_at: "2026-01-01T10:05:00.000Z",
    duration_seconds: 295,
    duration_minutes: 4.9,
    ...o,
  }) as never;

const at = new Date("2026-01-01T10:10:00.000Z");

describe("callToAskAbout", () => {
  it("asks about the latest call when it is a repeat call that connected and ended in the last 15 minutes", () => {
    const older = call({ session_id: "old", started_at: "2026-01-01T09:00:00.000Z", ended_at: "2026-01-01T09:05:00.000Z" });
    expect(callToAskAbout({ calls: [older, call({ session_id: "new" })] }, at)).toBe("new");
  });

  it("not about a first call (the decision screen asks), an unanswered one, or one long over", () => {
    expect(callToAskAbout({ calls: [call({ call_type: "First Call" })] }, at)).toBeNull();
    expect(callToAskAbout({ calls: [call({ status: "missed", ended_at: "2026-01-01T10:00:45.000Z" })] }, at)).toBeNull();
    expect(callToAskAbout({ calls: [call({})] }, new Date("2026-01-01T10:20:01.000Z"))).toBeNull();
    expect(callToAskAbout({ calls: [] }, at)).toBeNull();
  });
});
