import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** No id: the token's sign-in session has ended (lib/auth/options.ts, session callback). */
    user: { id?: number; role?: "member" | "admin"; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: "member" | "admin";
    /** The SignInSession this token belongs to (lib/auth/sign-in-sessions.ts). */
    sid?: string;
  }
}
