import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/enums";

// Single-use links sent by mail (confirm an email, reset a password). The link carries 32 random
// bytes; the table keeps only their sha256, so reading the table gives nobody a working link.

export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  password_reset: 30 * 60_000,
};

/** A token as it appears in a link: 43 base64url characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a fresh token for `purpose`, retiring the member's earlier unused ones for it. */
export async function issueToken(tx: Tx, userId: number, purpose: AccountTokenPurpose): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const t = now();
  await tx.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: t } });
  await tx.accountToken.create({
    data: { tokenHash: hashToken(token), userId, purpose, createdAt: t, expiresAt: new Date(t.getTime() + TOKEN_TTL_MS[purpose]) },
  });
  return token;
}

/**
 * Uses up a token: the member it was issued to, or null when it is unknown, expired, already used
 * or for another purpose. One conditional UPDATE, so two requests racing with one link cannot both win.
 */
export async function consumeToken(tx: Tx, token: string, purpose: AccountTokenPurpose): Promise<number | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const t = now();
  const rows = await tx.$queryRaw<{ userId: number }[]>`
    UPDATE "AccountToken" SET "usedAt" = ${t}
    WHERE "tokenHash" = ${hashToken(token)} AND purpose = ${purpose}::"AccountTokenPurpose" AND "usedAt" IS NULL AND "expiresAt" > ${t}
    RETURNING "userId"`;
  return rows[0]?.userId ?? null;
}
