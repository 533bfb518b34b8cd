import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  // [input, expected]: anything that could leave our origin falls back to /dashboard.
  const cases: [unknown, string][] = [
    ["/matches/4", "/matches/4"],
    ["/call/0b7c2d0e-3d0b-4a5c-9d43-5b1f0f1d2a3e", "/call/0b7c2d0e-3d0b-4a5c-9d43-5b1f0f1d2a3e"],
    ["/admin/members?q=sam&page=2", "/admin/members?q=sam&page=2"],
    ["/matches#history", "/matches#history"],
    [["/profile", "/admin"], "/profile"],
    ["/", "/"],
    ["//evil.example", "/dashboard"],
    ["//evil.example/path", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/%5Cevil.example", "/dashboard"],
    ["/%5cevil.example", "/dashboard"],
    ["/%255Cevil.example", "/dashboard"],
    ["/%2F%2Fevil.example", "/dashboard"],
    ["/%2fevil.example", "/dashboard"],
    ["/%252F%252Fevil.example", "/dashboard"],
    ["\\\\evil.example", "/dashboard"],
    ["/\t/evil.example", "/dashboard"],
    ["/\n/evil.example", "/dashboard"],
    ["/%09/evil.example", "/dashboard"],
    ["/%00", "/dashboard"],
    ["/ok\u0000", "/dashboard"],
    ["https://evil.example", "/dashboard"],
    ["http://localhost:3000/dashboard", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
    ["data:text/html,hi", "/dashboard"],
    [" /matches", "/dashboard"],
    ["matches", "/dashboard"],
    ["", "/dashboard"],
    [undefined, "/dashboard"],
    [42, "/dashboard"],
    ["/%E0%A4%A", "/dashboard"],
    [`/${"a".repeat(3000)}`, "/dashboard"],
  ];
  it.each(cases)("%j → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";
  const cases: [string, string][] = [
    ["/matches", `${base}/matches`],
    [`${base}/matches?x=1`, `${base}/matches?x=1`],
    [`${base}/signin`, `${base}/signin`],
    ["/%5Cevil.example", `${base}/dashboard`],
    [`${base}/%5Cevil.example`, `${base}/dashboard`],
    [`${base}//evil.example`, `${base}/dashboard`],
    ["https://evil.example/", `${base}/dashboard`],
    ["http://localhost:3001/matches", `${base}/dashboard`],
    ["javascript:alert(1)", `${base}/dashboard`],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(safeRedirectUrl(input, base)).toBe(expected);
  });
});
