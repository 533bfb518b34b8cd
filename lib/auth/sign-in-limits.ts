import "server-only";
import { createHash } from "node:crypto";
import { now } from "@/lib/clock";
import { rateLimitStore } from "@/lib/http/rate-limit";

const MINUTE = 60_000;

/**
 * Sign-in attempts are limited three ways, all checked before any password hash is computed:
 * - per address (every account): spraying one password across many accounts;
 * - per account and address: guessing one member's password from one place;
 * - per account across all addresses, generous, and skipped for an address that signed in to
 *   that account recently: guessing from many places. A stranger can therefore lock a member out
 *   only from addresses the member hasn't used lately, never from the member's own.
 */
export const SIGN_IN_LIMITS = {
  perAddress: { limit: 100, windowMs: 15 * MINUTE },
  perAccountAndAddress: { limit: 10, windowMs: 15 * MINUTE },
  perAccount: { limit: 100, windowMs: 60 * MINUTE },
  /** How long a successful sign-in makes its address trusted for that account. */
  trustedAddressMs: 30 * 24 * 60 * MINUTE,
} as const;

export const SIGN_IN_LIMITED = "Too many sign-in attempts. Please wait a few minutes and try again.";

// Hashed, so the table is not a month-long log of who signed in from where.
const digest = (value: string) => createHash("sha256").update(value).digest("base64url");
const keys = (email: string, address: string) => ({
  address: `signin:addr:${digest(address)}`,
  accountAndAddress: `signin:acct-addr:${digest(`${email}|${address}`)}`,
  account: `signin:acct:${digest(email)}`,
  trusted: `signin:trusted:${digest(`${email}|${address}`)}`,
});

/** Counts this attempt; false when any of the limits is exceeded. */
export async function signInAllowed(email: string, address: string): Promise<boolean> {
  const k = keys(email, address);
  const at = now();
  const { perAddress, perAccountAndAddress, perAccount } = SIGN_IN_LIMITS;
  const [byAddress, byAccountAndAddress, trusted] = await Promise.all([
    rateLimitStore.hit(k.address, perAddress.windowMs, at),
    rateLimitStore.hit(k.accountAndAddress, perAccountAndAddress.windowMs, at),
    rateLimitStore.peek(k.trusted, at),
  ]);
  if (byAddress > perAddress.limit || byAccountAndAddress > perAccountAndAddress.limit) return false;
  if (trusted > 0) return true;
  return (await rateLimitStore.hit(k.account, perAccount.windowMs, at)) <= perAccount.limit;
}

/**
 * Remembers that this address holds the account's password, so the account-wide limit spares it;
 * and gives the attempt back to the address: the per-address limit is against spraying, which is
 * failures, and many members signing in behind one NAT (an office, a carrier) are not an attack.
 */
export async function recordSignInSuccess(email: string, address: string): Promise<void> {
  const k = keys(email, address);
  const at = now();
  await Promise.all([
    rateLimitStore.hit(k.trusted, SIGN_IN_LIMITS.trustedAddressMs, at),
    rateLimitStore.refund(k.address, at),
  ]);
}
