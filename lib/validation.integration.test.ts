// Text the database cannot store, refused at the one validation layer wherever input enters
// (route bodies, query and path parameters, server actions) instead of failing deep in a query as
// a 500: NUL characters, which PostgreSQL refuses, and lone UTF-16 surrogate halves ("\ud800",
// valid in a JSON string escape), which Prisma's query engine refuses as malformed JSON — found
// by the fuzz suite (app/api/fuzz-requests.test.ts): PATCH /api/profile { interests: ["\udfff"] }.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { HttpError } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { reportInput } from "@/lib/safety/report";
import { saveProfile } from "@/lib/profile/actions";
import { api, routes } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { call, type CallOptions } from "@/test/http";
import { expectRefused, snapshot } from "@/test/refusals";
import * as profileRoute from "@/app/api/profile/route";
import * as reportRoute from "@/app/api/matches/[match_id]/report/route";
import * as signupRoute from "@/app/api/signup/route";
import * as signalsRoute from "@/app/api/video/sessions/[session_id]/signals/route";
import * as adminMembersRoute from "@/app/api/admin/members/route";
import * as missedSeenRoute from "@/app/api/me/missed-calls/seen/route";

describe("NUL characters are refused with 400 wherever input enters", () => {
  const NUL = "\u0000";

  it("in JSON string values: names, bios, report details, sign-up, SDP", async () => {
    const { sarah, john, match } = await createPair();
    const started = await api.startCall(sarah, match.id);
    const sessionId: string = started.json.session_id;
    await api.join(john, sessionId);
    const before = await snapshot();

    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { displayName: `Sa${NUL}rah` } }), 400, /displayName.*NUL/);
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { bio: `Hi${NUL}` } }), 400, /bio.*NUL/);
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { interests: ["jazz", `x${NUL}`] } }), 400, /interests\.1.*NUL/);
    expectRefused(
      await call(reportRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, body: { reason: "harassment", details: `bad${NUL}words` } }),
      400,
      /details.*NUL/,
    );
    expectRefused(
      await call(signupRoute.POST, "POST", {
        body: { email: "nul@test.meetcute", password: "long enough password", displayName: `N${NUL}`, birthDate: "1990-01-01", gender: "woman", interestedIn: ["man"], city: "Porto" },
      }),
      400,
      /NUL/,
    );
    expectRefused(
      await call(signalsRoute.POST, "POST", { as: sarah, params: { session_id: sessionId }, body: { type: "offer", payload: { sdp: `v=0\r\n${NUL}` } } }),
      400,
      /payload\.sdp.*NUL/,
    );
    // In a key too (the JSON text carries it as the \u0000 escape).
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, rawBody: '{"bio\\u0000":"x"}' }), 400, /NUL/);
    expect(await snapshot()).toBe(before);
  });

  it("in query strings: the admin member search, the signals cursor", async () => {
    const admin = await createMember({ name: "Admin", role: "admin" });
    const { sarah, match } = await createPair();
    const sessionId: string = (await api.startCall(sarah, match.id)).json.session_id;
    expectRefused(await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q=%00" }), 400, /q.*NUL/);
    expectRefused(await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q=sam%00&page=1" }), 400, /NUL/);
    expectRefused(await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q%00=x" }), 400, /NUL/);
    expectRefused(
      await call(signalsRoute.GET, "GET", { as: sarah, params: { session_id: sessionId }, path: `/api/video/sessions/${sessionId}/signals?after=%00` }),
      400,
      /NUL/,
    );
    // The search itself still works.
    expect((await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q=sarah" })).status).toBe(200);
  });

  it("in path params", async () => {
    const { sarah } = await createPair();
    expectRefused(await call(routes.sessionRoute.GET, "GET", { as: sarah, params: { session_id: `abc${NUL}` } }), 400, /session_id.*NUL/);
    expectRefused(await call(routes.historyRoute.GET, "GET", { as: sarah, params: { match_id: `1${NUL}` } }), 400, /NUL/);
  });

  it("in server-action input: parse() (report details, admin notes) and the profile form's FormData", async () => {
    expect(() => parse(reportInput, { reason: "harassment", details: `x${NUL}` })).toThrow(/details.*NUL/);
    const form = new FormData();
    form.set("displayName", "Ok");
    form.set("bio", `About me${NUL}`);
    form.set("city", "Porto");
    form.append("interestedIn", "man");
    const state = await saveProfile(null, form);
    expect(state).toMatchObject({ ok: false, status: 400, fieldErrors: { bio: expect.stringMatching(/NUL/) } });
  });

  it("missed-calls ids and other arrays go through the same check", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const opts: CallOptions = { as: sarah, body: { session_ids: [`0b7c2d0e-3d0b-4a5c-9d43-5b1f0f1d2a3e${NUL}`] } };
    expectRefused(await call(missedSeenRoute.POST, "POST", opts), 400, /session_ids\.0.*NUL/);
  });
});

describe("lone surrogate halves", () => {
  it("are refused at any depth, in values and keys, with where they are", () => {
    const refused = (data: unknown) => {
      try {
        parse(z.any(), data);
      } catch (err) {
        return err instanceof HttpError ? `${err.status} ${err.message}` : String(err);
      }
      return "accepted";
    };
    expect(refused({ a: ["x", "\udfff"] })).toBe("400 a.1: must be valid Unicode text (no lone surrogate halves).");
    expect(refused({ ["k\ud800"]: 1 })).toMatch(/^400 /);
    expect(refused("a\ud83d")).toBe("400 Input must be valid Unicode text (no lone surrogate halves).");
    // A pair is a character like any other.
    expect(refused({ name: "Ana 🙂", bio: "\ud83d\ude42" })).toBe("accepted");
  });

  it("in a profile update or a report: 400 with { error }, nothing stored", async () => {
    const { sarah, match } = await createPair();
    const before = await prisma.profile.findUnique({ where: { userId: sarah.id } });
    for (const body of [{ interests: ["\udfff"] }, { displayName: "Sa\ud800rah" }, { bio: "\udc00" }]) {
      const res = await call(profileRoute.PATCH, "PATCH", { as: sarah, body });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: expect.stringContaining("valid Unicode") });
    }
    expect(await prisma.profile.findUnique({ where: { userId: sarah.id } })).toEqual(before);

    const report = await call(reportRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, body: { reason: "spam", details: "\ud800" } });
    expect(report.status).toBe(400);
    expect(await prisma.report.count()).toBe(0);

    const fine = await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { interests: ["🙂 hiking"] } });
    expect(fine.status).toBe(200);
  });
});
