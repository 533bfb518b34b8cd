import { describe, expect, it } from "vitest";
import type { JoinedSession } from "@/lib/api/client";
import { claimJoin, handOverJoin, HANDOVER_TTL_MS } from "@/lib/calls/browser/join-handover";

const joined = (id: string) => ({ session: { session_id: id }, media: { transport: "direct" } }) as unknown as JoinedSession;

describe("the card's answer handed to the call page", () => {
  it("is claimed once, by the page of that session", () => {
    handOverJoin("a", joined("a"), 1_000);
    expect(claimJoin("b", 1_100)).toBeNull();
    expect(claimJoin("a", 1_200)).toEqual(joined("a"));
    expect(claimJoin("a", 1_300)).toBeNull();
  });

  it("is not used once stale, and a newer answer replaces an older one", () => {
    handOverJoin("a", joined("a"), 0);
    expect(claimJoin("a", HANDOVER_TTL_MS + 1)).toBeNull();
    handOverJoin("a", joined("a"), 0);
    handOverJoin("b", joined("b"), 10);
    expect(claimJoin("a", 20)).toBeNull();
    expect(claimJoin("b", 20)).toEqual(joined("b"));
  });
});
