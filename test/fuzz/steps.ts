// What the fuzz does: every JSON endpoint and server action, as steps with random callers,
// targets and bodies (valid-shaped or garbage), plus clock moves and concurrent pairs. A step
// names its targets by index ("the 2nd live session"), resolved against the database when it
// runs, so generated sequences reach real, other members' and non-existent rows alike.
import { settleBackgroundEffects } from "@/lib/db/transaction";
import fc from "fast-check";
import { inspect } from "node:util";
import type { NextRequest } from "next/server";
import { actionSession } from "@/test/action-session";
import { brokenInvariants, clock, describeChange, freshWorld, lostRows, readState, send, WORLD_PASSWORD, type Body, type Reply, type State, type Who, type World } from "@/test/fuzz/harness";

import * as signup from "@/app/api/signup/route";
import * as health from "@/app/api/health/route";
import * as ready from "@/app/api/ready/route";
import eventsRoute from "@/pages/api/events";
import { asRouteHandler } from "@/test/node-route";
import * as webhook from "@/app/api/livekit/webhook/route";
import * as profile from "@/app/api/profile/route";
import * as profilePhoto from "@/app/api/profile/photo/route";
import * as photos from "@/app/api/photos/[name]/route";
import * as dnd from "@/app/api/me/do-not-disturb/route";
import * as missed from "@/app/api/me/missed-calls/route";
import * as missedSeen from "@/app/api/me/missed-calls/seen/route";
import * as pushKey from "@/app/api/push/public-key/route";
import * as pushSubs from "@/app/api/push/subscriptions/route";
import * as matches from "@/app/api/matches/route";
import * as find from "@/app/api/matches/find/route";
import * as decision from "@/app/api/matches/[match_id]/decision/route";
import * as block from "@/app/api/matches/[match_id]/block/route";
import * as unmatch from "@/app/api/matches/[match_id]/unmatch/route";
import * as report from "@/app/api/matches/[match_id]/report/route";
import startCall from "@/pages/api/video/start-call";
import incomingCalls from "@/pages/api/video/pending-calls";
import * as active from "@/app/api/video/active-sessions/route";
import * as history from "@/app/api/video/call-history/[match_id]/route";
import checkIn from "@/pages/api/video/sessions/[session_id]";
import join from "@/pages/api/video/sessions/[session_id]/join";
import * as decline from "@/app/api/video/sessions/[session_id]/decline/route";
import * as cancel from "@/app/api/video/sessions/[session_id]/cancel/route";
import end from "@/pages/api/video/sessions/[session_id]/end";
import * as signals from "@/app/api/video/sessions/[session_id]/signals/route";
import * as icebreaker from "@/app/api/video/sessions/[session_id]/icebreaker/route";
import * as adminStats from "@/app/api/admin/stats/route";
import * as adminAudit from "@/app/api/admin/audit/route";
import * as adminMembers from "@/app/api/admin/members/route";
import * as adminMember from "@/app/api/admin/members/[user_id]/route";
import * as adminBan from "@/app/api/admin/members/[user_id]/ban/route";
import * as adminUnban from "@/app/api/admin/members/[user_id]/unban/route";
import * as adminReports from "@/app/api/admin/reports/route";
import * as adminResolve from "@/app/api/admin/reports/[report_id]/resolve/route";
import * as adminSnapshot from "@/app/api/admin/reports/[report_id]/snapshot/route";
import * as adminSessions from "@/app/api/admin/sessions/route";
import * as adminForceEnd from "@/app/api/admin/sessions/[session_id]/force-end/route";
import * as account from "@/app/api/account/route";
import * as accountExport from "@/app/api/account/export/route";
import * as passwordReset from "@/app/api/account/password-reset/route";
import * as passwordResetConfirm from "@/app/api/account/password-reset/confirm/route";
import * as passwordChange from "@/app/api/account/password/route";
import * as signOutEverywhere from "@/app/api/account/sign-out-everywhere/route";
import * as signOutDevice from "@/app/api/account/sessions/[session_id]/sign-out/route";
import * as confirmEmail from "@/app/api/account/confirm-email/route";
import * as confirmResend from "@/app/api/account/confirm-email/resend/route";
import { changePasswordAction, confirmEmailAction, requestPasswordResetAction, resendConfirmationAction, resetPasswordAction, signOutDeviceAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { saveProfile } from "@/lib/profile/actions";
import { decideOnMatch } from "@/lib/matches/actions";
import { blockAction, reportAction, unmatchAction } from "@/lib/safety/actions";
import { banMemberAction, deleteMemberAction, forceEndAction, resolveReportAction, unbanMemberAction } from "@/lib/admin/actions";

// ---------------------------------------------------------------------------------------------
// References, resolved when a step runs.

type Kind = "match" | "session" | "user" | "report" | "photo" | "device";

/** The i-th row of a kind (modulo how many there are). */
export class Ref {
  constructor(
    readonly kind: Kind,
    readonly i: number,
  ) {}
  [inspect.custom]() {
    return `${this.kind}#${this.i}`;
  }
}
/** The step's own target, wherever its body or arguments need it. */
export const TARGET = Symbol("target");

/** `narrow`: pick among the rows in the step's preferred states (a live session to join…), if any. */
type Target = { t: Kind; i: number; upper?: boolean; narrow?: boolean } | { t: "missing" } | { t: "bad"; value: unknown };

type Actor =
  | { t: "party"; side: 0 | 1 }
  | { t: "outsider" }
  | { t: "member"; i: number; claimAdmin?: boolean }
  | { t: "signedOut" | "stranger" | "banned" | "admin" | "ghost" };

const MISSING_ID = 2_000_000_000;
const MISSING_UUID = "7f3c2a10-0b1e-4d5f-9a8b-0c1d2e3f4a5b";
const MISSING_DEVICE = "m".repeat(43);

// ---------------------------------------------------------------------------------------------
// Garbage.

const lone = ["\ud800", "\udfff", "a\ud83d", "\ud83db"];
const oddStrings = fc.constantFrom(
  "", " ", " \t\n", "null", "undefined", "-1", "0", "1.5", "1e3", "NaN", "Infinity", "99999999999", "2147483648",
  "'; DROP TABLE \"User\"; --", "%", "_", "\\", "%00", "%zz", "\u202e\u0301", "🙂👍🏽", "\uffff", ...lone,
  "<img src=x onerror=alert(1)>", "../../etc/passwd", "a".repeat(300), "00000000-0000-0000-0000-000000000000",
  "NOT-A-UUID-0000-0000-0000-000000000000", "{}", "[]", "true",
);
const withNul = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`);
const huge = fc.constantFrom(17_000, 40_000).map((n) => "é".repeat(n));
export const weirdString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 16 }) },
  { weight: 4, arbitrary: oddStrings },
  { weight: 2, arbitrary: withNul },
  { weight: 1, arbitrary: huge },
);
const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 31 - 1, -0, 1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, MISSING_ID),
);
const weirdKey = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("__proto__", "constructor", "prototype", "toString", "\u0000", "a\u0000b", ""));

export const garbage: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    weirdString,
    weirdNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(weirdKey, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** JSON nested deeper than anyone sends: parsers and validators must not fall over. */
const deep = fc.integer({ min: 100, max: 5000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`);
const rawBodies = fc.oneof(
  fc.constantFrom("", "{", "nul", "{\"a\":}", "[1,2", "\"\\u0000\"", "{\"decision\":\"like\"}{", "\ufeff{}", "{\"a\":1,\"a\":2}", "1e999999"),
  fc.string({ maxLength: 40 }),
  deep,
);

// ---------------------------------------------------------------------------------------------
// Valid-shaped values.

const ref = (kind: Kind) => fc.nat({ max: 7 }).map((i) => new Ref(kind, i));
const b64 = (bytes: number, first?: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(first === undefined ? b : [first, ...b.slice(1)]).toString("base64url"));
const timeZone = fc.oneof(fc.constantFrom("UTC", "Europe/Lisbon", "Pacific/Kiritimati", "America/St_Johns", "Etc/GMT+12", "Asia/Kathmandu"), weirdString);
const note = fc.option(fc.oneof(fc.string({ maxLength: 40 }), weirdString), { nil: undefined });
const gender = fc.constantFrom("woman", "man", "nonbinary");
const obj = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc.record(shape, { requiredKeys: [] }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));

const profileFields = {
  displayName: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), weirdString),
  bio: fc.oneof(fc.string({ maxLength: 80 }), weirdString),
  city: fc.oneof(fc.constantFrom("Lisbon", "Porto", "São Paulo"), weirdString),
  interests: fc.array(fc.oneof(fc.constantFrom("Board  Games", "hiking", "HIKING"), weirdString), { maxLength: 12 }),
  interestedIn: fc.array(gender, { maxLength: 4 }),
  ageMin: fc.oneof(fc.integer({ min: 10, max: 110 }), fc.constantFrom("30", "x", 18.5)),
  ageMax: fc.oneof(fc.integer({ min: 10, max: 110 }), fc.constantFrom("40", "", 99)),
};

// A 1×1 PNG, and bytes that only start like one.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const upload = fc.oneof(
  fc.constant({ bytes: new Uint8Array(PNG), type: "image/png" }),
  fc.uint8Array({ maxLength: 64 }).map((b) => ({ bytes: new Uint8Array([...PNG.subarray(0, 16), ...b]), type: "image/png" })),
  fc.uint8Array({ maxLength: 64 }).map((b) => ({ bytes: b, type: "image/jpeg" })),
);

/** The call page's report: its JSON part (a session the form cannot name by reference: a missing or a junk one). */
const callReportJson = fc.oneof(
  obj({
    reason: fc.constantFrom("other", "harassment", "spam"),
    session_id: fc.oneof(fc.constant(MISSING_UUID), weirdString),
    also_block: fc.option(fc.boolean(), { nil: undefined }),
    one_tap: fc.option(fc.boolean(), { nil: undefined }),
    snapshot_shown: fc.oneof(fc.constantFrom("picture", "blurred", "no_picture"), weirdString),
  }).map((o) => JSON.stringify(o)),
  weirdString,
);

// ---------------------------------------------------------------------------------------------
// The endpoints.

type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;
/** A path parameter; "device" is a sign-in session's id, under the handler's `session_id`. */
type Param = "match_id" | "session_id" | "user_id" | "report_id" | "name" | "device";
const paramKey = (p: Param) => (p === "device" ? "session_id" : p);

interface Endpoint {
  name: string;
  handler: Handler;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  param?: Param;
  /** A valid-shaped body; TARGET and Refs are filled in when the step runs. */
  body?: fc.Arbitrary<unknown>;
  form?: fc.Arbitrary<[string, string | { bytes: Uint8Array; type: string }][]>;
  query?: fc.Arbitrary<string>;
  contentType?: string;
  /** Who is worth sending: "party" for the lifecycle, "admin" for the admin API. */
  callers: "party" | "admin" | "anyone";
  /** Not JSON on success (a photo, an event stream). */
  binary?: boolean;
  /** Steps of the lifecycle: what the lifecycle property mostly runs. */
  lifecycle?: boolean;
  /** The target states worth aiming at most of the time (match or session statuses). */
  prefer?: string[];
}

const qs = (entries: [string, fc.Arbitrary<string>][]) =>
  fc
    .tuple(...entries.map(([k, v]) => fc.option(v, { nil: undefined }).map((value) => [k, value] as const)))
    .map((pairs) => {
      const q = new URLSearchParams();
      for (const [k, v] of pairs) if (v !== undefined) q.append(k, v);
      return q.size ? `?${q}` : "";
    });
const anyQuery = fc.oneof({ weight: 8, arbitrary: fc.constant("") }, { weight: 1, arbitrary: qs([["x", weirdString]]) }, { weight: 1, arbitrary: fc.constantFrom("?%E0%A4%A", "?a=%00", "?=&&==", "?media=connected&media=x") });

const LIVE = ["ringing", "active"];

export const ENDPOINTS: Endpoint[] = [
  { name: "POST /api/signup", handler: signup.POST, method: "POST", callers: "anyone", body: obj({ email: fc.oneof(fc.emailAddress(), weirdString), password: fc.oneof(fc.constant("password123"), weirdString), displayName: profileFields.displayName, birthDate: fc.oneof(fc.constantFrom("1990-02-03", "2015-01-01", "1990-02-30"), weirdString), gender, interestedIn: profileFields.interestedIn, city: profileFields.city }) },
  { name: "POST /api/account/password-reset", handler: passwordReset.POST, method: "POST", callers: "anyone", body: obj({ email: fc.oneof(fc.emailAddress(), weirdString) }) },
  { name: "POST /api/account/password-reset/confirm", handler: passwordResetConfirm.POST, method: "POST", callers: "anyone", body: obj({ token: fc.oneof(b64(32), weirdString), password: fc.oneof(fc.constant("a new password 1"), weirdString) }) },
  { name: "POST /api/account/password", handler: passwordChange.POST, method: "POST", callers: "anyone", body: obj({ current_password: fc.oneof(fc.constant("password123"), weirdString), new_password: fc.oneof(fc.constant("a new password 1"), weirdString) }) },
  { name: "POST /api/account/sign-out-everywhere", handler: signOutEverywhere.POST, method: "POST", callers: "anyone" },
  { name: "POST /api/account/sessions/[id]/sign-out", handler: signOutDevice.POST, method: "POST", param: "device", callers: "anyone" },
  { name: "POST /api/account/confirm-email", handler: confirmEmail.POST, method: "POST", callers: "anyone", body: obj({ token: fc.oneof(b64(32), weirdString) }) },
  { name: "POST /api/account/confirm-email/resend", handler: confirmResend.POST, method: "POST", callers: "anyone" },
  { name: "GET /api/health", handler: health.GET, method: "GET", callers: "anyone" },
  { name: "GET /api/ready", handler: ready.GET, method: "GET", callers: "anyone" },
  { name: "GET /api/events", handler: asRouteHandler(eventsRoute), method: "GET", callers: "anyone", binary: true },
  { name: "POST /api/livekit/webhook", handler: webhook.POST, method: "POST", callers: "anyone", contentType: "application/webhook+json", body: obj({ event: fc.constantFrom("room_finished", "track_published", "participant_joined"), room: obj({ name: ref("session") }), id: fc.string() }) },
  { name: "GET /api/profile", handler: profile.GET, method: "GET", callers: "anyone" },
  { name: "PATCH /api/profile", handler: profile.PATCH, method: "PATCH", callers: "anyone", body: obj(profileFields) },
  { name: "POST /api/profile/photo", handler: profilePhoto.POST, method: "POST", callers: "anyone", contentType: "multipart/form-data", form: fc.oneof(upload.map((u) => [["photo", u]] as [string, typeof u][]), fc.array(fc.tuple(weirdKey, fc.oneof(fc.string({ maxLength: 20 }), upload)), { maxLength: 3 })) },
  { name: "DELETE /api/profile/photo", handler: profilePhoto.DELETE, method: "DELETE", callers: "anyone" },
  { name: "GET /api/photos/[name]", handler: photos.GET, method: "GET", param: "name", callers: "anyone", binary: true },
  { name: "GET /api/me/do-not-disturb", handler: dnd.GET, method: "GET", callers: "anyone" },
  { name: "PUT /api/me/do-not-disturb", handler: dnd.PUT, method: "PUT", callers: "anyone", body: obj({ mode: fc.constantFrom("1h", "until_tomorrow", "until_turned_on", "off", "off", "off"), time_zone: timeZone }), lifecycle: true },
  { name: "GET /api/me/missed-calls", handler: missed.GET, method: "GET", callers: "anyone" },
  { name: "POST /api/me/missed-calls/seen", handler: missedSeen.POST, method: "POST", callers: "anyone", body: fc.record({ session_ids: fc.array(ref("session"), { minLength: 1, maxLength: 4 }) }) },
  { name: "GET /api/push/public-key", handler: pushKey.GET, method: "GET", callers: "anyone" },
  { name: "POST /api/push/subscriptions", handler: pushSubs.POST, method: "POST", callers: "anyone", body: obj({ endpoint: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).map((t) => `https://fcm.googleapis.com/fcm/send/${encodeURIComponent(t)}`), weirdString), expirationTime: fc.option(fc.integer(), { nil: undefined }), keys: obj({ p256dh: b64(65, 4), auth: b64(16) }) }) },
  { name: "DELETE /api/push/subscriptions", handler: pushSubs.DELETE, method: "DELETE", callers: "anyone", body: obj({ endpoint: weirdString }) },
  { name: "GET /api/matches", handler: matches.GET, method: "GET", callers: "anyone", lifecycle: true },
  { name: "POST /api/matches/find", handler: find.POST, method: "POST", callers: "anyone", lifecycle: true },
  { name: "POST /api/matches/[id]/decision", handler: decision.POST, method: "POST", param: "match_id", callers: "party", body: fc.record({ decision: fc.constantFrom("like", "like", "pass") }), lifecycle: true, prefer: ["awaiting_decision"] },
  { name: "POST /api/matches/[id]/block", handler: block.POST, method: "POST", param: "match_id", callers: "party", lifecycle: true },
  { name: "POST /api/matches/[id]/unmatch", handler: unmatch.POST, method: "POST", param: "match_id", callers: "party", lifecycle: true },
  { name: "POST /api/matches/[id]/report", handler: report.POST, method: "POST", param: "match_id", callers: "party", body: obj({ reason: fc.constantFrom("inappropriate_on_camera", "harassment", "fake_profile", "underage", "spam", "other"), details: fc.option(fc.oneof(fc.string({ maxLength: 60 }), weirdString), { nil: undefined }), session_id: fc.option(ref("session"), { nil: undefined }), also_block: fc.option(fc.boolean(), { nil: undefined }) }), lifecycle: true },
  { name: "POST /api/video/start-call", handler: asRouteHandler(startCall), method: "POST", param: "match_id", callers: "party", body: fc.constant({ match_id: TARGET }), lifecycle: true, prefer: ["pending", "matched"] },
  { name: "GET /api/video/pending-calls", handler: asRouteHandler(incomingCalls), method: "GET", callers: "anyone", lifecycle: true },
  { name: "GET /api/video/active-sessions", handler: active.GET, method: "GET", callers: "anyone" },
  { name: "GET /api/video/call-history/[id]", handler: history.GET, method: "GET", param: "match_id", callers: "party" },
  { name: "GET /api/video/sessions/[id]", handler: asRouteHandler(checkIn), method: "GET", param: "session_id", callers: "party", query: fc.oneof(fc.constantFrom("", "", "?media=connected", "?media=connected"), qs([["media", weirdString]])), lifecycle: true, prefer: LIVE },
  { name: "POST /api/video/sessions/[id]/join", handler: asRouteHandler(join), method: "POST", param: "session_id", callers: "party", lifecycle: true, prefer: ["ringing"] },
  { name: "POST /api/video/sessions/[id]/decline", handler: decline.POST, method: "POST", param: "session_id", callers: "party", lifecycle: true, prefer: ["ringing"] },
  { name: "POST /api/video/sessions/[id]/cancel", handler: cancel.POST, method: "POST", param: "session_id", callers: "party", lifecycle: true, prefer: ["ringing"] },
  { name: "POST /api/matches/[id]/report (call page, multipart)", handler: report.POST, method: "POST", param: "match_id", callers: "party", contentType: "multipart/form-data", form: fc.oneof(fc.tuple(callReportJson, upload).map(([json, file]) => [["report", json], ["snapshot", file]] as [string, string | { bytes: Uint8Array; type: string }][]), fc.array(fc.tuple(weirdKey, fc.oneof(fc.string({ maxLength: 20 }), upload)), { maxLength: 3 })), lifecycle: true },
  { name: "POST /api/video/sessions/[id]/icebreaker", handler: icebreaker.POST, method: "POST", param: "session_id", callers: "party", body: obj({ seen_turn: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }), weirdNumber) }), lifecycle: true, prefer: ["active"] },
  { name: "POST /api/video/sessions/[id]/end", handler: asRouteHandler(end), method: "POST", param: "session_id", callers: "party", body: obj({ reason: fc.constantFrom("hangup", "media_failed") }), lifecycle: true, prefer: LIVE },
  { name: "GET /api/video/sessions/[id]/signals", handler: signals.GET, method: "GET", param: "session_id", callers: "party", query: qs([["after", fc.oneof(fc.constantFrom("0", "1", "999999999999999999", "-1", "1e3"), weirdString)]]) },
  { name: "POST /api/video/sessions/[id]/signals", handler: signals.POST, method: "POST", param: "session_id", callers: "party", body: fc.oneof(fc.record({ type: fc.constantFrom("offer", "answer"), payload: fc.record({ sdp: fc.oneof(fc.constant("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"), weirdString) }) }), fc.record({ type: fc.constant("candidate"), payload: obj({ candidate: weirdString, sdpMid: fc.option(fc.string(), { nil: undefined }), sdpMLineIndex: fc.option(weirdNumber, { nil: undefined }) }) }), fc.constant({ type: "bye" })) },
  { name: "DELETE /api/account", handler: account.DELETE, method: "DELETE", callers: "anyone", body: obj({ password: fc.oneof({ weight: 3, arbitrary: fc.constant(WORLD_PASSWORD) }, { weight: 1, arbitrary: weirdString }) }), lifecycle: true },
  { name: "GET /api/account/export", handler: accountExport.GET, method: "GET", callers: "anyone", binary: true },
  { name: "DELETE /api/admin/members/[id]", handler: adminMember.DELETE, method: "DELETE", param: "user_id", callers: "admin", body: obj({ note }), lifecycle: true },
  { name: "GET /api/admin/stats", handler: adminStats.GET, method: "GET", callers: "admin" },
  { name: "GET /api/admin/audit", handler: adminAudit.GET, method: "GET", callers: "admin", query: qs([["page", weirdString]]) },
  { name: "GET /api/admin/members", handler: adminMembers.GET, method: "GET", callers: "admin", query: qs([["q", weirdString], ["page", fc.oneof(fc.constantFrom("1", "2", "100001", "0"), weirdString)]]) },
  { name: "GET /api/admin/members/[id]", handler: adminMember.GET, method: "GET", param: "user_id", callers: "admin" },
  { name: "POST /api/admin/members/[id]/ban", handler: adminBan.POST, method: "POST", param: "user_id", callers: "admin", body: obj({ reason: fc.oneof(fc.constant("spamming members"), weirdString), note }), lifecycle: true },
  { name: "POST /api/admin/members/[id]/unban", handler: adminUnban.POST, method: "POST", param: "user_id", callers: "admin", body: obj({ note }), lifecycle: true },
  { name: "GET /api/admin/reports", handler: adminReports.GET, method: "GET", callers: "admin", query: qs([["status", fc.oneof(fc.constantFrom("open", "resolved", "all"), weirdString)], ["page", weirdString]]) },
  { name: "POST /api/admin/reports/[id]/resolve", handler: adminResolve.POST, method: "POST", param: "report_id", callers: "admin", body: obj({ action: fc.constantFrom("dismiss", "ban"), note: fc.oneof(fc.constant("looked into it"), weirdString) }), lifecycle: true },
  { name: "GET /api/admin/reports/[id]/snapshot", handler: adminSnapshot.GET, method: "GET", param: "report_id", callers: "admin", binary: true },
  { name: "GET /api/admin/sessions", handler: adminSessions.GET, method: "GET", callers: "admin" },
  { name: "POST /api/admin/sessions/[id]/force-end", handler: adminForceEnd.POST, method: "POST", param: "session_id", callers: "admin", body: obj({ note }), lifecycle: true, prefer: LIVE },
];

// ---------------------------------------------------------------------------------------------
// The server actions: called as the browser calls them, with whatever arguments it sends.

type Outcome = "accepted" | "refused";

interface Action {
  name: string;
  target?: Kind;
  callers: "party" | "admin" | "anyone";
  /** Arguments after the target (valid-shaped; garbage replaces them at random). */
  args: fc.Arbitrary<unknown[]>;
  run: (target: unknown, args: unknown[]) => Promise<unknown>;
  /** What the result says, or a description of why it is not a valid result. */
  outcome: (result: unknown) => Outcome | string;
  lifecycle?: boolean;
  prefer?: string[];
}

/** Any junk as form text (null-prototype objects have no String()). */
const text = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? "undefined"));

const runActionOutcome = (r: any): Outcome | string => {
  if (r?.ok === true) return "accepted";
  if (r?.ok === false && typeof r.error === "string" && Number.isInteger(r.status) && r.status >= 400 && r.status < 500) return "refused";
  return `not an ActionResult with a 4xx: ${inspect(r)}`;
};

/** A server action taking FormData, with valid-shaped fields or junk ones. */
const formAction = (name: string, fields: Record<string, fc.Arbitrary<string>>, action: (prev: null, form: FormData) => Promise<unknown>): Action => ({
  name,
  callers: "anyone",
  args: fc.array(fc.oneof(...Object.entries(fields).map(([k, v]) => v.map((value) => [k, value])), fc.tuple(weirdKey, weirdString)), { maxLength: 4 }),
  run: (_t, entries) => {
    const form = new FormData();
    for (const e of entries) {
      if (Array.isArray(e) && e.length === 2) form.append(text(e[0]), text(e[1]));
      else form.append("junk", text(e));
    }
    return action(null, form);
  },
  outcome: runActionOutcome,
});

// The account actions (lib/auth/actions.ts). The forgot-password one reads the client address from
// next/headers, which the fuzz files answer as `next start` would (test/next-mocks.ts).
const ACCOUNT_ACTIONS: Action[] = [
  formAction("action requestPasswordReset", { email: fc.oneof(fc.emailAddress(), weirdString) }, requestPasswordResetAction),
  formAction("action changePassword", { current_password: fc.oneof(fc.constant("password123"), weirdString), new_password: fc.oneof(fc.constant("a new password 1"), weirdString) }, changePasswordAction),
  formAction("action resetPassword", { token: fc.oneof(b64(32), weirdString), password: fc.oneof(fc.constant("a new password 1"), weirdString) }, resetPasswordAction),
  formAction("action confirmEmail", { token: fc.oneof(b64(32), weirdString) }, confirmEmailAction),
  formAction("action signOutDevice", { session_id: fc.oneof(b64(32), weirdString) }, signOutDeviceAction),
  formAction("action signOutEverywhere", {}, signOutEverywhereAction),
  formAction("action resendConfirmation", {}, resendConfirmationAction),
];

export const ACTIONS: Action[] = [
  ...ACCOUNT_ACTIONS,
  {
    name: "action saveProfile",
    callers: "anyone",
    args: fc.array(
      fc.oneof(
        ...Object.entries(profileFields).map(([k, v]) => v.map((value) => (Array.isArray(value) ? value.map((x) => [k, String(x)]) : [[k, String(value)]]))),
        fc.tuple(weirdKey, weirdString).map((e) => [e]),
      ),
      { maxLength: 8 },
    ).map((groups) => groups.flat()),
    // The browser always sends a FormData; junk arguments become junk fields of one.
    run: (_t, entries) => {
      const form = new FormData();
      for (const e of entries) {
        if (Array.isArray(e) && e.length === 2) form.append(text(e[0]), text(e[1]));
        else form.append("junk", text(e));
      }
      return saveProfile(null, form);
    },
    outcome: runActionOutcome,
  },
  {
    name: "action decideOnMatch",
    target: "match",
    callers: "party",
    args: fc.tuple(fc.constantFrom("like", "like", "pass")),
    run: (t, [d]) => decideOnMatch(t as number, d as "like"),
    prefer: ["awaiting_decision"],
    outcome: runActionOutcome,
    lifecycle: true,
  },
  { name: "action unmatch", target: "match", callers: "party", args: fc.constant([]), run: (t) => unmatchAction(t as number), outcome: runActionOutcome, lifecycle: true },
  { name: "action block", target: "match", callers: "party", args: fc.constant([]), run: (t) => blockAction(t as number), outcome: runActionOutcome, lifecycle: true },
  {
    name: "action report",
    target: "match",
    callers: "party",
    args: fc.tuple(obj({ reason: fc.constantFrom("harassment", "spam", "other"), details: fc.option(weirdString, { nil: undefined }), sessionId: fc.option(ref("session"), { nil: undefined }), alsoBlock: fc.option(fc.boolean(), { nil: undefined }) })),
    run: (t, [input]) => reportAction(t as number, input as never),
    outcome: runActionOutcome,
    lifecycle: true,
  },
  { name: "action forceEnd", target: "session", callers: "admin", args: fc.tuple(note), run: (t, [n]) => forceEndAction(t as string, n as string), outcome: runActionOutcome, lifecycle: true, prefer: LIVE },
  { name: "action ban", target: "user", callers: "admin", args: fc.tuple(fc.oneof(fc.constant("spamming members"), weirdString), note), run: (t, [r, n]) => banMemberAction(t as number, r as string, n as string), outcome: runActionOutcome, lifecycle: true },
  { name: "action deleteMember", target: "user", callers: "admin", args: fc.tuple(note), run: (t, [n]) => deleteMemberAction(t as number, n as string), outcome: runActionOutcome, lifecycle: true },
  { name: "action unban", target: "user", callers: "admin", args: fc.tuple(note), run: (t, [n]) => unbanMemberAction(t as number, n as string), outcome: runActionOutcome, lifecycle: true },
  {
    name: "action resolveReport",
    target: "report",
    callers: "admin",
    args: fc.tuple(fc.constantFrom("dismiss", "ban"), fc.oneof(fc.constant("looked into it"), weirdString)),
    run: (t, [a, n]) => resolveReportAction(t as number, a as "ban", n as string),
    outcome: runActionOutcome,
    lifecycle: true,
  },
];


// ---------------------------------------------------------------------------------------------
// Steps.

type RequestStep = {
  t: "request";
  op: string;
  actor: Actor;
  target?: Target;
  body: { kind: "valid"; value: unknown } | Body;
  query: string;
  contentType?: string | null;
  headers: Record<string, string>;
};
type ActionStep = { t: "action"; op: string; actor: Actor; target?: Target; args: unknown[] };
type ClockStep = { t: "clock"; seconds: number };
type TogetherStep = { t: "together"; steps: (RequestStep | ActionStep)[] };
/** A call as members place it: a few steps in a row, each checked like any other. */
type ScriptStep = { t: "script"; steps: Step[] };
export type Step = RequestStep | ActionStep | ClockStep | TogetherStep | ScriptStep;

export type Mode = "garbage" | "lifecycle";

const paramKind: Record<Param, Kind> = { match_id: "match", session_id: "session", user_id: "user", report_id: "report", name: "photo", device: "device" };

function targetArb(kind: Kind, mode: Mode, prefer: string[] | undefined): fc.Arbitrary<Target> {
  const existing = fc.record({
    t: fc.constant(kind),
    i: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 15 })),
    upper: fc.boolean().map((b) => b && kind === "session" && mode === "garbage"),
    narrow: fc.nat({ max: 9 }).map((n) => prefer !== undefined && n < (mode === "lifecycle" ? 8 : 4)),
  });
  const bad = (kind === "session" || kind === "photo" || kind === "device" ? weirdString : fc.oneof(weirdString, weirdNumber.map(String))).map((value) => ({ t: "bad" as const, value }));
  return mode === "lifecycle"
    ? fc.oneof({ weight: 18, arbitrary: existing }, { weight: 1, arbitrary: fc.constant({ t: "missing" as const }) }, { weight: 1, arbitrary: bad })
    : fc.oneof({ weight: 5, arbitrary: existing }, { weight: 1, arbitrary: fc.constant({ t: "missing" as const }) }, { weight: 4, arbitrary: bad });
}

function actorArb(callers: "party" | "admin" | "anyone", mode: Mode): fc.Arbitrary<Actor> {
  const others = fc.oneof(
    fc.constant({ t: "signedOut" as const }),
    fc.constant({ t: "stranger" as const }),
    fc.constant({ t: "banned" as const }),
    fc.constant({ t: "ghost" as const }),
    fc.constant({ t: "outsider" as const }),
    fc.record({ t: fc.constant("member" as const), i: fc.nat({ max: 4 }), claimAdmin: fc.boolean() }),
  );
  const main: fc.Arbitrary<Actor> =
    callers === "admin"
      ? fc.constant({ t: "admin" })
      : callers === "party"
        ? fc.record({ t: fc.constant("party" as const), side: fc.constantFrom(0 as const, 1 as const) })
        : fc.record({ t: fc.constant("member" as const), i: fc.nat({ max: 4 }) });
  return fc.oneof({ weight: mode === "lifecycle" ? 12 : 3, arbitrary: main }, { weight: 1, arbitrary: others }, { weight: 1, arbitrary: fc.constant({ t: "admin" as const }) });
}

/** Garbage in a valid-shaped body: a field replaced, a field added, or the whole body. */
function bodyArb(e: Endpoint, mode: Mode): fc.Arbitrary<RequestStep["body"]> {
  const valid = e.body ? e.body.map((value) => ({ kind: "valid" as const, value })) : fc.constant({ kind: "none" as const });
  const mutated = fc.tuple(e.body ?? fc.constant({}), weirdKey, garbage, fc.nat()).map(([v, key, junk, n]) => {
    const copy = v && typeof v === "object" && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
    const keys = Object.keys(copy);
    copy[keys.length && n % 2 ? keys[n % keys.length] : key] = junk;
    return { kind: "valid" as const, value: copy };
  });
  const junk = fc.oneof(
    garbage.map((value) => ({ kind: "json" as const, value })),
    rawBodies.map((text) => ({ kind: "raw" as const, text })),
    fc.uint8Array({ maxLength: 32 }).map((bytes) => ({ kind: "bytes" as const, bytes })),
  );
  const form = e.form ? e.form.map((entries) => ({ kind: "form" as const, entries })) : valid;
  return mode === "lifecycle"
    ? fc.oneof({ weight: 20, arbitrary: e.form ? form : valid }, { weight: 1, arbitrary: mutated }, { weight: 1, arbitrary: junk })
    : fc.oneof({ weight: 3, arbitrary: e.form ? form : valid }, { weight: 3, arbitrary: mutated }, { weight: 3, arbitrary: junk });
}

const contentTypes = fc.constantFrom<string | null>(null, "text/plain", "text/plain; application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "multipart/form-data", "application/x-www-form-urlencoded");
const crossSite = fc.constantFrom<Record<string, string>>({ "sec-fetch-site": "cross-site" }, { origin: "https://evil.example" }, { "sec-fetch-site": "same-origin" }, { origin: "null" });

function requestArb(e: Endpoint, mode: Mode): fc.Arbitrary<RequestStep> {
  const odd = mode === "garbage" ? 1 : 0;
  return fc.record({
    t: fc.constant("request" as const),
    op: fc.constant(e.name),
    actor: actorArb(e.callers, mode),
    target: e.param ? targetArb(paramKind[e.param], mode, e.prefer) : fc.constant(undefined),
    body: bodyArb(e, mode),
    query: e.query ? fc.oneof({ weight: 6, arbitrary: e.query }, { weight: odd, arbitrary: anyQuery }) : mode === "garbage" ? anyQuery : fc.constant(""),
    contentType: fc.oneof({ weight: 12, arbitrary: fc.constant(e.contentType) }, { weight: odd, arbitrary: contentTypes }),
    headers: fc.oneof({ weight: 12, arbitrary: fc.constant({}) }, { weight: odd, arbitrary: crossSite }),
  });
}

function actionArb(a: Action, mode: Mode): fc.Arbitrary<ActionStep> {
  const args = mode === "lifecycle" ? fc.oneof({ weight: 20, arbitrary: a.args }, { weight: 1, arbitrary: fc.array(garbage, { maxLength: 3 }) }) : fc.oneof(a.args, fc.array(garbage, { maxLength: 3 }));
  return fc.record({
    t: fc.constant("action" as const),
    op: fc.constant(a.name),
    actor: actorArb(a.callers, mode),
    target: a.target ? targetArb(a.target, mode, a.prefer) : fc.constant(undefined),
    args,
  });
}

// Short moves mostly (a call's check-ins keep up), and past each time rule now and then: the
// heartbeat (30 s), the ring timeout (45 s), the first-call cap (60 s), the ring limit (1 h).
const clockArb = fc.record({ t: fc.constant("clock" as const), seconds: fc.constantFrom(1, 2, 5, 5, 10, 10, 21, 31, 46, 61, 3601) });

const plain = { body: { kind: "none" }, query: "", headers: {} } as const;
/** A request on the newest live (or ringing, as the endpoint prefers) session: the one just rung. */
const onSession = (op: string, side: 0 | 1, extra: Partial<RequestStep> = {}): RequestStep => ({
  t: "request",
  op,
  actor: { t: "party", side },
  target: { t: "session", i: 0, narrow: true },
  ...plain,
  ...extra,
});

/**
 * A call from start to end: one side rings (a pending or mutual match), the page checks in,
 * the other answers, declines or lets it ring; both check in (playing media or not) while the
 * clock moves; one hangs up (or reports media_failed), or the cap or a vanished member ends it;
 * then perhaps both decide.
 */
const callScript: fc.Arbitrary<ScriptStep> = fc
  .record({
    caller: fc.constantFrom(0 as const, 1 as const),
    match: fc.oneof(fc.constant(0), fc.nat({ max: 5 })),
    answer: fc.constantFrom("join", "join", "join", "decline", "cancel", "ring"),
    media: fc.constantFrom("", "?media=connected"),
    talk: fc.array(fc.constantFrom(1, 5, 10, 21, 31), { maxLength: 3 }),
    hangup: fc.constantFrom<"hangup" | "media_failed" | "none">("hangup", "hangup", "media_failed", "none"),
    hangs: fc.constantFrom(0 as const, 1 as const),
    decide: fc.option(fc.tuple(fc.constantFrom("like", "pass", "like"), fc.constantFrom("like", "pass", "like"))),
  })
  .map(({ caller, match, answer, media, talk, hangup, hangs, decide }) => {
    // On a match, side 0/1 is its lower/higher member id; on a session, the caller/the callee.
    const [CALLER, CALLEE] = [0, 1] as const;
    const steps: Step[] = [
      { t: "request", op: "POST /api/video/start-call", actor: { t: "party", side: caller }, target: { t: "match", i: match, narrow: true }, body: { kind: "valid", value: { match_id: TARGET } }, query: "", headers: {} },
      onSession("GET /api/video/sessions/[id]", CALLER),
    ];
    if (answer === "join") steps.push(onSession("POST /api/video/sessions/[id]/join", CALLEE));
    if (answer === "decline") steps.push(onSession("POST /api/video/sessions/[id]/decline", CALLEE));
    if (answer === "cancel") steps.push(onSession("POST /api/video/sessions/[id]/cancel", CALLER));
    for (const seconds of talk) {
      steps.push({ t: "clock", seconds });
      steps.push(onSession("GET /api/video/sessions/[id]", CALLER, { query: media }));
      steps.push(onSession("GET /api/video/sessions/[id]", CALLEE, { query: media }));
    }
    if (hangup !== "none") steps.push(onSession("POST /api/video/sessions/[id]/end", hangs, { body: { kind: "valid", value: { reason: hangup } } }));
    if (decide) {
      for (const [side, d] of [[0, decide[0]], [1, decide[1]]] as const) {
        steps.push({ t: "request", op: "POST /api/matches/[id]/decision", actor: { t: "party", side }, target: { t: "match", i: 0, narrow: true }, body: { kind: "valid", value: { decision: d } }, query: "", headers: {} });
      }
    }
    return { t: "script" as const, steps };
  });

/**
 * Two calls on two matches at once (often sharing a member: five members, many matches), then
 * both answered — one after the other or racing. Where one member is both a caller and a
 * callee, answering both calls would put them in two calls.
 */
const twoCallsScript: fc.Arbitrary<ScriptStep> = fc
  .record({
    first: fc.record({ side: fc.constantFrom(0 as const, 1 as const), match: fc.nat({ max: 5 }) }),
    second: fc.record({ side: fc.constantFrom(0 as const, 1 as const), match: fc.nat({ max: 5 }) }),
    race: fc.boolean(),
  })
  .map(({ first, second, race }) => {
    const ring = (c: { side: 0 | 1; match: number }): RequestStep => ({ t: "request", op: "POST /api/video/start-call", actor: { t: "party", side: c.side }, target: { t: "match", i: c.match, narrow: true }, body: { kind: "valid", value: { match_id: TARGET } }, query: "", headers: {} });
    // Sessions are listed live first, newest first: #0 is the second call, #1 the first.
    const answer = (i: number): RequestStep => ({ ...onSession("POST /api/video/sessions/[id]/join", 1), target: { t: "session", i, narrow: true } });
    const answers: Step[] = race ? [{ t: "together", steps: [answer(0), answer(1)] }] : [answer(0), answer(1)];
    return { t: "script" as const, steps: [ring(first), ring(second), ...answers] };
  });

export function stepArb(mode: Mode): fc.Arbitrary<Step> {
  const endpoints = mode === "lifecycle" ? ENDPOINTS.filter((e) => e.lifecycle) : ENDPOINTS;
  const actions = mode === "lifecycle" ? ACTIONS.filter((a) => a.lifecycle) : ACTIONS;
  const weight = (name: string) => (mode === "lifecycle" ? LIFECYCLE_WEIGHTS[name] ?? 2 : 1);
  const single = fc.oneof(
    ...endpoints.map((e) => ({ weight: weight(e.name), arbitrary: requestArb(e, mode) as fc.Arbitrary<RequestStep | ActionStep> })),
    ...actions.map((a) => ({ weight: weight(a.name), arbitrary: actionArb(a, mode) as fc.Arbitrary<RequestStep | ActionStep> })),
  );
  return fc.oneof(
    { weight: 20, arbitrary: single },
    { weight: mode === "lifecycle" ? 4 : 0, arbitrary: callScript },
    { weight: mode === "lifecycle" ? 2 : 0, arbitrary: twoCallsScript },
    { weight: mode === "lifecycle" ? 3 : 1, arbitrary: clockArb },
    { weight: mode === "lifecycle" ? 2 : 1, arbitrary: fc.tuple(single, single).map((steps) => ({ t: "together" as const, steps })) },
  );
}

/** In the lifecycle property, calls and their answers come most often, admin moves rarely. */
const LIFECYCLE_WEIGHTS: Record<string, number> = {
  "POST /api/video/start-call": 8,
  "GET /api/video/sessions/[id]": 8,
  "POST /api/video/sessions/[id]/join": 6,
  "POST /api/video/sessions/[id]/end": 5,
  "POST /api/video/sessions/[id]/decline": 2,
  "POST /api/video/sessions/[id]/cancel": 2,
  "POST /api/matches/[id]/decision": 4,
  "action decideOnMatch": 2,
  "POST /api/matches/find": 2,
  "POST /api/admin/members/[id]/ban": 1,
  "POST /api/admin/members/[id]/unban": 1,
  "action ban": 1,
  // A deletion ends a member's part in the run: rare, so runs still reach deep into the lifecycle.
  "DELETE /api/account": 1,
  "DELETE /api/admin/members/[id]": 1,
  "action deleteMember": 1,
  "action unban": 1,
  "PUT /api/me/do-not-disturb": 1,
  "POST /api/matches/[id]/block": 1,
  "action block": 1,
};

// ---------------------------------------------------------------------------------------------
// Running a step.

export interface Stats {
  runs: number;
  steps: number;
  statuses: Map<number | string, number>;
  /** Accepted (2xx / ok) outcomes per endpoint or action: how deep the runs reached. */
  accepted: Map<string, number>;
  /** Per endpoint or action and status, for FUZZ_VERBOSE=1. */
  detail: Map<string, number>;
}

export const newStats = (): Stats => ({ runs: 0, steps: 0, statuses: new Map(), accepted: new Map(), detail: new Map() });

export interface Run {
  world: World;
  state: State;
  stats: Stats;
}

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

export async function startRun(stats: Stats): Promise<Run> {
  clock.reset();
  const world = await freshWorld();
  const state = await readState();
  stats.runs++;
  return { world, state, stats };
}

function pick<T>(list: T[], i: number): T | undefined {
  return list.length ? list[i % list.length] : undefined;
}

type Resolved = { value: unknown; pair?: [number, number] };

function resolveTarget(target: Target | undefined, kind: Kind | undefined, prefer: string[] | undefined, state: State): Resolved {
  if (!target || !kind) return { value: undefined };
  if (target.t === "bad") return { value: target.value };
  if (target.t === "missing") return { value: kind === "session" ? MISSING_UUID : kind === "photo" ? "missing.jpg" : kind === "device" ? MISSING_DEVICE : MISSING_ID };
  return resolveRef(new Ref(target.t, target.i), state, { upper: target.upper, prefer: target.narrow ? prefer : undefined });
}

function narrowed<T extends { status: string }>(rows: T[], prefer: string[] | undefined): T[] {
  const preferred = prefer ? rows.filter((r) => prefer.includes(r.status)) : [];
  return preferred.length ? preferred : rows;
}

function resolveRef(r: Ref, state: State, { upper = false, prefer }: { upper?: boolean; prefer?: string[] } = {}): Resolved {
  switch (r.kind) {
    case "match": {
      const m = pick(narrowed(state.matches, prefer), r.i);
      return m ? { value: m.id, pair: [m.userAId, m.userBId] } : { value: MISSING_ID };
    }
    case "session": {
      const s = pick(narrowed(state.sessions, prefer), r.i);
      return s ? { value: upper ? s.id.toUpperCase() : s.id, pair: [s.callerId, s.calleeId] } : { value: MISSING_UUID };
    }
    case "user":
      return { value: pick(state.users, r.i)?.id ?? MISSING_ID };
    case "report":
      return { value: pick(state.reports, r.i)?.id ?? MISSING_ID };
    case "photo":
      return { value: pick(state.photos, r.i)?.name ?? "missing.jpg" };
    case "device": {
      const d = pick(state.devices, r.i);
      return d ? { value: d.id, pair: [d.userId, d.userId] } : { value: MISSING_DEVICE };
    }
  }
}

function fill(template: unknown, target: unknown, state: State): unknown {
  if (template === TARGET) return target;
  if (template instanceof Ref) return resolveRef(template, state).value;
  if (Array.isArray(template)) return template.map((v) => fill(v, target, state));
  if (template && typeof template === "object" && Object.getPrototypeOf(template) === Object.prototype) {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, target, state)]));
  }
  return template;
}

function resolveActor(actor: Actor, pair: [number, number] | undefined, run: Run): Who {
  const { world } = run;
  const ids = world.members.map((m) => m.id);
  const as = (id: number): Who => (id === world.admin.id ? world.admin : { id });
  switch (actor.t) {
    case "party":
      return as(pair ? pair[actor.side] : ids[actor.side]);
    case "outsider":
      return as(ids.find((id) => !pair?.includes(id)) ?? world.stranger.id);
    case "member":
      return { id: ids[actor.i % ids.length], ...(actor.claimAdmin ? { role: "admin" as const } : {}) };
    case "signedOut":
      return null;
    case "stranger":
      return { id: world.stranger.id };
    case "banned":
      return { id: world.banned.id };
    case "admin":
      return world.admin;
    case "ghost":
      return { id: MISSING_ID };
  }
}

interface Done {
  label: string;
  /** Who acted (signed-in id), if anyone: their own photos and devices may go. */
  actor?: number;
  /** A 5xx, an error thrown, or a reply of the wrong shape. */
  broken?: string;
  outcome: Outcome;
}

async function perform(step: RequestStep | ActionStep, run: Run): Promise<Done> {
  const { state } = run;
  if (step.t === "action") {
    const a = ACTIONS.find((x) => x.name === step.op)!;
    const { value, pair } = resolveTarget(step.target, a.target, a.prefer, state);
    const as = resolveActor(step.actor, pair, run);
    const args = fill(step.args, value, state) as unknown[];
    const label = `${a.name}(${inspect([value, ...args], { depth: 4, maxStringLength: 60 }).slice(1, -1)}) as ${JSON.stringify(as)}`;
    actionSession.as = as;
    let result: unknown;
    try {
      result = await a.run(value, args);
    } catch (err) {
      return { label, broken: `threw ${inspect(err)}`, outcome: "refused", actor: as?.id };
    } finally {
      actionSession.as = null;
    }
    const outcome = a.outcome(result);
    bump(run.stats.statuses, outcome === "accepted" ? "action ok" : outcome === "refused" ? "action refused" : "action broken");
    bump(run.stats.detail, `${a.name} ${outcome === "accepted" ? "ok" : String((result as { error?: string; message?: string })?.error ?? (result as { message?: string })?.message).slice(0, 50)}`);
    if (outcome !== "accepted" && outcome !== "refused") return { label, broken: outcome, outcome: "refused", actor: as?.id };
    if (outcome === "accepted") bump(run.stats.accepted, a.name);
    return { label, outcome, actor: as?.id };
  }
  const e = ENDPOINTS.find((x) => x.name === step.op)!;
  const { value, pair } = resolveTarget(step.target, e.param ? paramKind[e.param] : undefined, e.prefer, state);
  const as = resolveActor(step.actor, pair, run);
  // A GET carries no body: no browser can send one.
  const body: Body =
    e.method === "GET" ? { kind: "none" } : step.body.kind === "valid" ? { kind: "json", value: fill(step.body.value, value, state) } : step.body;
  const params = e.param ? { [paramKey(e.param)]: String(value) } : {};
  const reply: Reply = await send(e.handler, { as, method: e.method, params, query: step.query, body, contentType: step.contentType, headers: step.headers });
  const shown = body.kind === "json" ? inspect(body.value, { depth: 4, maxStringLength: 60, breakLength: Infinity }) : body.kind === "raw" ? `raw ${inspect(body.text.slice(0, 60))}` : body.kind;
  const label = `${e.name} ${JSON.stringify(params)}${step.query} ${shown} as ${JSON.stringify(as)}${step.contentType !== undefined ? ` type=${step.contentType}` : ""}${Object.keys(step.headers).length ? ` ${JSON.stringify(step.headers)}` : ""} → ${reply.status} ${inspect(reply.json, { depth: 3, maxStringLength: 200, breakLength: Infinity })}`;
  bump(run.stats.statuses, reply.status);
  bump(run.stats.detail, `${e.name} ${reply.status} ${reply.status >= 400 ? String((reply.json as { error?: string })?.error).slice(0, 50) : ""}`);
  if (reply.status >= 500) return { label, broken: `a ${reply.status}`, outcome: "refused" };
  if (reply.status >= 400) {
    const err = (reply.json as { error?: unknown } | undefined)?.error;
    if (typeof err !== "string" || !err) return { label, broken: "a 4xx without { error }", outcome: "refused" };
    return { label, outcome: "refused" };
  }
  if (reply.status < 200 || reply.status >= 300) return { label, broken: `unexpected status ${reply.status}`, outcome: "refused" };
  if (!e.binary && (typeof reply.json !== "object" || reply.json === null)) return { label, broken: "a 2xx that is not a JSON object", outcome: "accepted" };
  bump(run.stats.accepted, e.name);
  return { label, outcome: "accepted", actor: as?.id };
}

/** Runs one step and checks everything that must hold after it; throws on the first breach. */
export async function runStep(step: Step, run: Run): Promise<void> {
  run.stats.steps++;
  if (step.t === "script") {
    run.stats.steps--;
    for (const s of step.steps) await runStep(s, run);
    return;
  }
  if (step.t === "clock") {
    clock.advance(step.seconds);
    run.state = await readState();
    await checkInvariants(`clock +${step.seconds}s`);
    return;
  }
  const before = run.state;
  // Both racing requests finish before anything is judged (none outlives its step).
  const settled = await Promise.allSettled(step.t === "together" ? step.steps.map((s) => perform(s, run)) : [perform(step, run)]);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  const done = settled.map((s) => (s as PromiseFulfilledResult<Done>).value);
  for (const d of done) if (d.broken) throw new Error(`${d.broken}\n  step: ${d.label}`);
  // A step's after-commit effects (Web Push sends, which count failures and drop failing
  // devices) finish within it too, so none lands inside the next step's before/after.
  await settleBackgroundEffects();
  const after = await readState();
  run.state = after;
  const labels = done.map((d) => d.label).join("\n  and: ");
  if (done.every((d) => d.outcome === "refused") && after.text !== before.text) {
    throw new Error(`a refused request changed the database\n  step: ${labels}\n${describeChange(before, after)}`);
  }
  const lost = lostRows(before, after, done.flatMap((d) => (d.actor === undefined ? [] : [d.actor])));
  if (lost.length) throw new Error(`nobody else's rows may be lost, but a step removed ${lost.join(", ")}\n  step: ${labels}`);
  await checkInvariants(labels);
}

async function checkInvariants(label: string) {
  const broken = await brokenInvariants();
  if (broken.length) throw new Error(`invariant broken after\n  step: ${label}\n  ${broken.join("\n  ")}`);
}

/** fast-check's command: one step, against the real app; the model is the run itself. */
export class StepCommand implements fc.AsyncCommand<object, Run> {
  constructor(readonly step: Step) {}
  check() {
    return true;
  }
  async run(_model: object, run: Run) {
    await runStep(this.step, run);
  }
  toString() {
    return inspect(this.step, { depth: 6, breakLength: Infinity, maxStringLength: 80 });
  }
}

export function summary(name: string, stats: Stats, failures: number): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const statuses = [...stats.statuses].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([k, v]) => `${k}: ${n(v)}`).join(", ");
  const accepted = [...stats.accepted].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.replace(/^(GET|POST|PUT|PATCH|DELETE) \/api\//, "$1 ")} ${n(v)}`).join(", ");
  const detail = process.env.FUZZ_VERBOSE ? `\n  ${[...stats.detail].sort().map(([k, v]) => `${k}: ${v}`).join("\n  ")}` : "";
  return `fuzz ${name}: ${n(stats.runs)} runs, ${n(stats.steps)} steps, ${failures} failures\n  outcomes: ${statuses}\n  accepted: ${accepted}${detail}`;
}
