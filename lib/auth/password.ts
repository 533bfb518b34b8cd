// No `server-only` here: the seed script and journey fixtures hash passwords the same way.
import { hash, verify } from "@node-rs/argon2";

// Argon2id (memory-hard) via @node-rs/argon2: maintained, prebuilt binaries, no install scripts.
// Parameters follow OWASP's minimum for argon2id (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when no account exists, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hash("not-a-real-password", OPTIONS);
  await verifyPassword(await dummyHash, password);
}
