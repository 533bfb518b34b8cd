// The route handlers' member cache on a real PostgreSQL with the real event listener: a profile
// change is announced (member.changed) in its own transaction, so no instance keeps answering with
// the old name or photo for the rest of a long TTL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMemberCached } from "@/lib/auth/signed-in-member-cache";
import { stopListener, whenListening } from "@/lib/events/listener";
import { removePhoto, savePhoto } from "@/lib/profile/photos";
import { updateProfile } from "@/lib/profile/profile";
import { startCall } from "@/lib/calls/start-call";
import { joinCall } from "@/lib/calls/answer";
import { endCall } from "@/lib/calls/end-call";
import { delivered } from "@/test/events";
import { createMember, createPair } from "@/test/factories";
import { roundTrips } from "@/test/round-trips";
import { issueToken } from "@/lib/auth/account-tokens";
import { resetPassword } from "@/lib/auth/passwords";
import { transaction } from "@/lib/db/transaction";
import sharp from "sharp";

beforeAll(() => whenListening());
afterAll(() => stopListener());

describe("the cached member", () => {
  it("is dropped by a profile change's event, so the new name is served at once", async () => {
    const john = await createMember({ name: "John" });
    expect((await loadMemberCached(john.id))?.displayName).toBe("John");
    const changed = delivered("member.changed", john.id);
    await updateProfile(john.id, { displayName: "Johnny" });
    await changed;
    expect((await loadMemberCached(john.id))?.displayName).toBe("Johnny");
  });

  it("is dropped by a new or removed photo", async () => {
    const sarah = await createMember({ name: "Sarah" });
    expect((await loadMemberCached(sarah.id))?.photoPath).toBeNull();
    let changed = delivered("member.changed", sarah.id);
    const { photoUrl } = await savePhoto(sarah.id, new Uint8Array(await sharp({ create: { width: 64, height: 64, channels: 3, background: "#c0392b" } }).jpeg().toBuffer()));
    await changed;
    const photoPath = (await loadMemberCached(sarah.id))?.photoPath;
    expect(photoPath).not.toBeNull();
    expect(photoUrl).toContain(photoPath);
    changed = delivered("member.changed", sarah.id);
    await removePhoto(sarah.id);
    await changed;
    expect((await loadMemberCached(sarah.id))?.photoPath).toBeNull();
  });

  it("is kept through a call's events: they change nothing in it, so nobody's next request reads it again", async () => {
    const { sarah, john, match } = await createPair("matched");
    for (const who of [sarah, john]) await loadMemberCached(who.id);
    const { session } = await startCall(sarah.id, match.id);
    await joinCall(john.id, session.session_id);
    await endCall(sarah.id, session.session_id);
    // roundTrips first waits for every event above to reach this instance's listener.
    const reads = await roundTrips(() => Promise.all([sarah, john].map((who) => loadMemberCached(who.id))));
    expect(reads.result.map((m) => m?.displayName)).toEqual([sarah.name, john.name]);
    expect(reads.count).toBe(0);
  });

  it("is dropped when a password reset confirms the email, even with no session left to end", async () => {
    const robin = await createMember({ name: "Robin", emailVerified: false });
    expect((await loadMemberCached(robin.id))?.emailVerified).toBe(false);
    const token = await transaction((tx) => issueToken(tx, robin.id, "password_reset"));
    const changed = delivered("member.changed", robin.id);
    await resetPassword({ token, password: "a new password, long enough" });
    await changed;
    expect((await loadMemberCached(robin.id))?.emailVerified).toBe(true);
  });
});
