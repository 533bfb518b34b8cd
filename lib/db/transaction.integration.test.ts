import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { afterCommit, settleBackgroundEffects, transaction } from "@/lib/db/transaction";
import { log } from "@/lib/log";
import { createMember } from "@/test/factories";

describe("transaction() and afterCommit()", () => {
  it("runs effects after the commit, in order, with the change visible", async () => {
    const m = await createMember({ name: "Ana" });
    const seen: string[] = [];
    await transaction(async (tx) => {
      await tx.profile.update({ where: { userId: m.id }, data: { bio: "committed" } });
      afterCommit(tx, "first", async () => {
        const p = await prisma.profile.findUniqueOrThrow({ where: { userId: m.id } });
        seen.push(`first:${p.bio}`);
      });
      afterCommit(tx, "second", () => void seen.push("second"));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["first:committed", "second"]);
  });

  it("never runs an effect of a transaction that rolled back", async () => {
    const effect = vi.fn();
    await expect(
      transaction(async (tx) => {
        afterCommit(tx, "never", effect);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(effect).not.toHaveBeenCalled();
  });

  it("refuses loudly to register an effect outside transaction()", async () => {
    await expect(prisma.$transaction(async (tx) => afterCommit(tx, "lost", () => {}))).rejects.toThrow(/outside transaction\(\)/);
  });

  it("a failing effect is logged and does not turn the committed change into an error", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined as never);
    try {
      const result = await transaction(async (tx) => {
        afterCommit(tx, "fails", () => {
          throw new Error("media server down");
        });
        return "ok";
      });
      expect(result).toBe("ok");
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ effect: "fails" }), "after-commit effect failed");
    } finally {
      error.mockRestore();
    }
  });

  it("background effects don't delay the result; settleBackgroundEffects waits for them", async () => {
    let release!: () => void;
    let done = false;
    const gate = new Promise<void>((r) => (release = r));
    await transaction(async (tx) => {
      afterCommit(tx, "slow push", async () => {
        await gate;
        done = true;
      }, { background: true });
    });
    expect(done).toBe(false);
    const settled = settleBackgroundEffects();
    release();
    await settled;
    expect(done).toBe(true);
  });
});
