// The remembered session-token decode: the same answers as next-auth's own decode, including for
// forged and expired cookies, with the work done once per cookie.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rememberedTokens, sessionToken } from "@/lib/auth/session-token";
import { authSecret } from "@/lib/env";

const request = (token: string) => new NextRequest("http://localhost/api/video/pending-calls", { headers: { cookie: `next-auth.session-token=${token}` } });
const tokenFor = (uid: number, maxAge = 3600) => encode({ token: { uid, role: "member", sub: String(uid) }, secret: authSecret(), maxAge });

afterEach(() => vi.useRealTimers());

describe("sessionToken", () => {
  it("decodes a valid cookie once and answers repeats from memory", async () => {
    const token = await tokenFor(41);
    const before = rememberedTokens();
    expect(await sessionToken(request(token))).toMatchObject({ uid: 41 });
    expect(rememberedTokens()).toBe(before + 1);
    expect(await sessionToken(request(token))).toMatchObject({ uid: 41 });
    expect(rememberedTokens()).toBe(before + 1);
  });

  it("refuses a tampered or foreign cookie and remembers nothing for it", async () => {
    const token = await tokenFor(42);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    const foreign = await encode({ token: { uid: 42, role: "member" }, secret: "someone-else's-secret-0123456789abcdef" });
    const before = rememberedTokens();
    expect(await sessionToken(request(tampered))).toBeNull();
    expect(await sessionToken(request(foreign))).toBeNull();
    expect(await sessionToken(new NextRequest("http://localhost/api/x"))).toBeNull();
    expect(rememberedTokens()).toBe(before);
  });

  it("stops answering a remembered cookie once it expires (past next-auth's 15 s tolerance)", async () => {
    const token = await tokenFor(43, 60);
    expect(await sessionToken(request(token))).toMatchObject({ uid: 43 });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 70_000);
    expect(await sessionToken(request(token))).toMatchObject({ uid: 43 }); // within the tolerance
    vi.setSystemTime(Date.now() + 10_000);
    expect(await sessionToken(request(token))).toBeNull();
  });
});
