import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { burnVerification, verifyPassword } from "@/lib/auth/password";
import { clientAddress, clientAddressAsSent } from "@/lib/http/client-address";
import { recordSignInSuccess, SIGN_IN_LIMITED, signInAllowed } from "@/lib/auth/sign-in-limits";
import { safeRedirectUrl } from "@/lib/auth/callback-url";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { log } from "@/lib/log";
import { createSignInSession, endSession, sessionIsLive } from "@/lib/auth/sign-in-sessions";
import { maskedNetwork, validTimeZone } from "@/lib/auth/sign-in-place";

/**
 * Where the session callback keeps the sign-in session's id for server code
 * (lib/auth/session.ts). A symbol key: JSON never carries it, so /api/auth/session doesn't either.
 */
export const SIGN_IN_SESSION = Symbol("meetcute.signInSession");
/** On a session that has ended: whose it was, so a page can tell a suspended member why. */
export const ENDED_SESSION_OF = Symbol("meetcute.endedSessionOf");
/** Set when the session's row could not be read (the database is down): see session.ts. */
export const SESSION_UNVERIFIED = Symbol("meetcute.sessionUnverified");

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  // The browser's time zone, for the device list's rough place; anything unknown is dropped, never refused.
  time_zone: z.unknown().optional().transform(validTimeZone),
});

/** Shown for every failed sign-in, so nobody can learn which emails have accounts. */
export const GENERIC_SIGNIN_ERROR = "That email and password don't match an account.";
export const SUSPENDED_ERROR = "This account has been suspended.";
/** next-auth shows a thrown message in the sign-in form: an outage says so, never a driver's text. */
export const SIGN_IN_UNAVAILABLE = "We can't sign you in right now: Meetcute can't reach its database. Please try again in a moment.";

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  // Secure (and __Host-/__Secure- prefixed) cookies on an https site; production must be one.
  useSecureCookies: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, req) {
        try {
          return await authorizeCredentials(raw, req);
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          log.warn({ err: String((err as Error).message).slice(0, 300) }, "sign-in: database unavailable");
          throw new Error(SIGN_IN_UNAVAILABLE);
        }
      },
    }),
  ],
  callbacks: {
    // next-auth's default accepts any URL that starts with our origin or "/": "/\\evil.example" too.
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as { role?: "member" | "admin"; sid?: string };
        token.uid = Number(user.id);
        token.role = signedIn.role ?? "member";
        token.sid = signedIn.sid;
      }
      return token;
    },
    // Pages and server actions (getServerSession) and the browser's /api/auth/session: an ended
    // sign-in session is a session without a member, so it counts as signed out.
    async session({ session, token }) {
      let unverified = false;
      try {
        if (!(await sessionIsLive(token.uid, token.sid))) return Object.assign({ expires: session.expires, user: {} }, { [ENDED_SESSION_OF]: token.uid });
      } catch (err) {
        // next-auth turns a throw here into "signed out", which would send a member to the sign-in
        // page whenever the database is down. Instead the session is passed on marked unverified:
        // the page's own member read meets the same outage (and shows "reconnecting"), and
        // currentMemberSession checks the session again before serving anything.
        if (!isDatabaseUnavailable(err)) throw err;
        unverified = true;
      }
      return Object.assign({ ...session, user: { ...session.user, id: token.uid, role: token.role } }, { [SIGN_IN_SESSION]: token.sid, [SESSION_UNVERIFIED]: unverified });
    },
  },
  events: {
    // Signing out ends the session on the server, so a copy of the cookie stops working too.
    async signOut({ token }) {
      if (typeof token?.uid === "number" && typeof token.sid === "string") await endSession(token.uid, token.sid);
    },
  },
};

type CredentialsRequest = Parameters<NonNullable<Parameters<typeof CredentialsProvider>[0]["authorize"]>>[1];

async function authorizeCredentials(raw: unknown, req: CredentialsRequest) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(GENERIC_SIGNIN_ERROR);
  const { email, password, time_zone: timeZone } = parsed.data;
  const address = clientAddress(req?.headers ?? {});
  // Before any password hash: a limited attempt costs one round trip, not an argon2 run.
  if (!(await signInAllowed(email, address))) throw new Error(SIGN_IN_LIMITED);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, role: true, bannedAt: true, deletedAt: true },
  });
  // A deleted account's email is a tombstone nobody can type and its password hash is empty;
  // refused here as well, as if it had never existed.
  if (!user || user.deletedAt) {
    await burnVerification(password);
    throw new Error(GENERIC_SIGNIN_ERROR);
  }
  if (!(await verifyPassword(user.passwordHash, password))) throw new Error(GENERIC_SIGNIN_ERROR);
  await recordSignInSuccess(email, address);
  // Only someone holding the right password learns the account is suspended.
  if (user.bannedAt) throw new Error(SUSPENDED_ERROR);
  const userAgent = req?.headers?.["user-agent"];
  const sid = await createSignInSession(user.id, { userAgent: typeof userAgent === "string" ? userAgent : null, timeZone, network: maskedNetwork(clientAddressAsSent(req?.headers ?? {})) });
  return { id: String(user.id), email: user.email, role: user.role, sid };
}
