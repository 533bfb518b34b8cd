// The route handlers' member cache on a real PostgreSQL with the real event listener: a profile
// change is announced (member.changed) in its own transaction, so no instance keeps answering with
// the old name or photo for the rest of a long TTL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMemberCached } from "@/lib/auth/signed-in-member-cache";
import { stopListener, whenListening } from "@/lib/events/listener";
import { removePhoto, savePhoto } from "@/lib/profile/photos";
import { updateProfile } from "@/lib/profile/profile";
import { delivered } from "@/test/events";
import { createMember } from "@/test/factories";
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
});
