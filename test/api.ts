// The JSON API, called through the real route handlers (see test/http.ts).
import { call } from "@/test/http";
import startCall from "@/pages/api/video/start-call";
import incomingCalls from "@/pages/api/video/pending-calls";
import checkIn from "@/pages/api/video/sessions/[session_id]";
import { asRouteHandler } from "@/test/node-route";
import * as activeRoute from "@/app/api/video/active-sessions/route";
import * as historyRoute from "@/app/api/video/call-history/[match_id]/route";
import join from "@/pages/api/video/sessions/[session_id]/join";
import * as declineRoute from "@/app/api/video/sessions/[session_id]/decline/route";
import * as cancelRoute from "@/app/api/video/sessions/[session_id]/cancel/route";
import end from "@/pages/api/video/sessions/[session_id]/end";
import * as matchesRoute from "@/app/api/matches/route";
import * as findRoute from "@/app/api/matches/find/route";
import * as decisionRoute from "@/app/api/matches/[match_id]/decision/route";
import * as unmatchRoute from "@/app/api/matches/[match_id]/unmatch/route";
import * as blockRoute from "@/app/api/matches/[match_id]/block/route";

// The poll, the check-in, start-call, join and hang-up are Pages Router API routes (on Node's own
// request and response); offered here as route handlers.
const incomingCallsRoute = { GET: asRouteHandler(incomingCalls) };
const sessionRoute = { GET: asRouteHandler(checkIn) };
const startCallRoute = { POST: asRouteHandler(startCall) };
const joinRoute = { POST: asRouteHandler(join) };
const endRoute = { POST: asRouteHandler(end) };

type Who = { id: number } | null;

export const api = {
  startCall: (as: Who, match_id: unknown) => call(startCallRoute.POST, "POST", { as, body: { match_id }, path: "/api/video/start-call" }),
  incomingCalls: (as: Who) => call(incomingCallsRoute.GET, "GET", { as, path: "/api/video/pending-calls" }),
  activeSessions: (as: Who) => call(activeRoute.GET, "GET", { as }),
  history: (as: Who, match_id: unknown) => call(historyRoute.GET, "GET", { as, params: { match_id: String(match_id) } }),
  /** The call page's check-in; `query` e.g. "?media=connected". */
  session: (as: Who, session_id: string, query = "") =>
    call(sessionRoute.GET, "GET", { as, params: { session_id }, path: `/api/video/sessions/${session_id}${query}` }),
  join: (as: Who, session_id: string) => call(joinRoute.POST, "POST", { as, params: { session_id }, path: `/api/video/sessions/${session_id}/join` }),
  decline: (as: Who, session_id: string) => call(declineRoute.POST, "POST", { as, params: { session_id } }),
  cancel: (as: Who, session_id: string) => call(cancelRoute.POST, "POST", { as, params: { session_id } }),
  end: (as: Who, session_id: string, body?: unknown) => call(endRoute.POST, "POST", { as, params: { session_id }, body, path: `/api/video/sessions/${session_id}/end` }),
  matches: (as: Who) => call(matchesRoute.GET, "GET", { as }),
  find: (as: Who) => call(findRoute.POST, "POST", { as }),
  decide: (as: Who, match_id: unknown, decision: unknown) =>
    call(decisionRoute.POST, "POST", { as, params: { match_id: String(match_id) }, body: { decision } }),
  unmatch: (as: Who, match_id: unknown) => call(unmatchRoute.POST, "POST", { as, params: { match_id: String(match_id) } }),
  block: (as: Who, match_id: unknown) => call(blockRoute.POST, "POST", { as, params: { match_id: String(match_id) } }),
};

export const routes = {
  startCallRoute, sessionRoute, incomingCallsRoute, activeRoute, historyRoute, joinRoute, declineRoute, cancelRoute, endRoute,
  matchesRoute, findRoute, decisionRoute, unmatchRoute, blockRoute,
};
