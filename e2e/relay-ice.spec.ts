import { expect, test, type Page } from "@playwright/test";
import { createMatch, createMember, db } from "./support/db";
import { relayJourney } from "./support/relay-journey";
import { expectRemoteVideoPlaying } from "./support/remote-video";

// A direct call with ICE_TRANSPORT_POLICY=relay through a real local coturn: video flows both
// ways, and neither browser ever learns a host or server-reflexive address of the other. This
// journey runs its own app server (same build, same database) configured for relay, so the
// shared journey server keeps the default policy.

const journey = relayJourney({ prepare: (context) => context.addInitScript(recordIce) });

/** Records every ICE candidate a page gathers or is given, and keeps its peer connections. */
function recordIce() {
  const ice = { config: null as RTCConfiguration | null, local: [] as string[], remote: [] as string[], pcs: [] as RTCPeerConnection[] };
  (window as unknown as { __ice: typeof ice }).__ice = ice;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      ice.config = config ?? null;
      ice.pcs.push(this);
      this.addEventListener("icecandidate", (e) => {
        if (e.candidate?.candidate) ice.local.push(e.candidate.candidate);
      });
    }
    override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
      if (candidate?.candidate) ice.remote.push(candidate.candidate);
      return super.addIceCandidate(candidate ?? undefined);
    }
    override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
      for (const line of description.sdp?.split("\r\n") ?? []) if (line.startsWith("a=candidate:")) ice.remote.push(line.slice(2));
      return super.setRemoteDescription(description);
    }
  } as typeof RTCPeerConnection;
}

type IceReport = { policy: string | undefined; local: string[]; remote: string[]; selected: { local: string; remote: string }[] };

async function iceReport(page: Page): Promise<IceReport> {
  return page.evaluate(async () => {
    const ice = (window as unknown as { __ice: { config: RTCConfiguration | null; local: string[]; remote: string[]; pcs: RTCPeerConnection[] } }).__ice;
    const selected: { local: string; remote: string }[] = [];
    for (const pc of ice.pcs) {
      if (pc.connectionState !== "connected") continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s) => byId.set(s.id, s));
      stats.forEach((s) => {
        if (s.type !== "transport" || !s.selectedCandidatePairId) return;
        const pair = byId.get(s.selectedCandidatePairId as string)!;
        selected.push({
          local: byId.get(pair.localCandidateId as string)!.candidateType as string,
          remote: byId.get(pair.remoteCandidateId as string)!.candidateType as string,
        });
      });
    }
    return { policy: ice.config?.iceTransportPolicy, local: ice.local, remote: ice.remote, selected };
  });
}

const { signedIn } = journey;

const RELAY = /\btyp relay\b/;

test("with ICE_TRANSPORT_POLICY=relay a call runs through TURN and no host or srflx candidate reaches the other member", async ({ browser }) => {
  test.setTimeout(120_000);
  const caller = await createMember("Rita", { gender: "woman", interestedIn: ["man"] });
  const callee = await createMember("Rui", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(caller, callee, "matched");
  const rita = await signedIn(browser, caller);
  const rui = await signedIn(browser, callee);

  const started = await rita.page.request.post("/api/video/start-call", { data: { match_id: match.id } });
  expect(started.status(), await started.text()).toBe(200);
  const sessionId = ((await started.json()) as { session_id: string }).session_id;
  await rita.page.goto(`/call/${sessionId}`);
  const joined = await rui.page.request.post(`/api/video/sessions/${sessionId}/join`, { data: {} });
  expect(joined.status(), await joined.text()).toBe(200);
  const media = ((await joined.json()) as { media: { iceTransportPolicy: string; iceServers: { urls: string[]; username: string; credential: string }[] } }).media;
  expect(media.iceTransportPolicy).toBe("relay");
  expect(media.iceServers[0].username).toMatch(new RegExp(`^\\d+:${callee.id}$`));
  expect(JSON.stringify(media)).not.toContain(journey.turn().secret);
  const joinedAt = Date.now();
  await rui.page.goto(`/call/${sessionId}`);

  await Promise.all([expectRemoteVideoPlaying(rita.page, { firstWithin: 30_000 }), expectRemoteVideoPlaying(rui.page, { firstWithin: 30_000 })]);
  console.log(`relay-only: join → video playing on both sides in ${Date.now() - joinedAt} ms`);
  // The control for e2e/poor-connection.spec.ts: through the same relay without its limit, both
  // sides' indicators say "good" for both people.
  for (const page of [rita.page, rui.page])
    for (const who of ["self", "other"]) await expect(page.getByTestId(`quality-${who}`)).toHaveAttribute("data-quality", "good", { timeout: 15_000 });

  // What went through the server while the call is live (the rows go when it ends).
  const signals = await db.callSignal.findMany({ where: { sessionId } });
  const candidates = signals.filter((s) => s.type === "candidate").map((s) => (s.payload as { candidate: string }).candidate).filter(Boolean);
  expect(candidates.length).toBeGreaterThan(0);
  for (const c of candidates) expect(c).toMatch(RELAY);
  for (const s of signals.filter((s) => s.type === "offer" || s.type === "answer")) {
    for (const line of (s.payload as { sdp: string }).sdp.split("\r\n").filter((l) => l.startsWith("a=candidate:"))) expect(line).toMatch(RELAY);
  }

  // What each browser gathered, was given, and is actually using.
  for (const page of [rita.page, rui.page]) {
    const report = await iceReport(page);
    expect(report.policy).toBe("relay");
    expect(report.local.length).toBeGreaterThan(0);
    expect(report.remote.length).toBeGreaterThan(0);
    for (const c of [...report.local, ...report.remote]) expect(c).toMatch(RELAY);
    expect(report.selected.length).toBeGreaterThan(0);
    for (const pair of report.selected) expect(pair).toEqual({ local: "relay", remote: "relay" });
  }

  const ended = await rita.page.request.post(`/api/video/sessions/${sessionId}/end`, { data: {} });
  expect(ended.status(), await ended.text()).toBe(200);
  await Promise.all([rita.context.close(), rui.context.close()]);
});
