import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { currentMember } from "@/lib/auth/session";
import type { Member } from "@/lib/auth/member";
import { forbidden, unauthorized } from "@/lib/http/http-error";

// The server-side admin check for pages and server actions (routes use requireAdmin(req)).
// The proxy's redirect reads the role from the JWT, which a ban or demotion cannot revoke:
// these re-read the member from the database every time.

/** Pages and layouts: the admin, or a redirect — to sign-in when signed out or suspended, home otherwise. */
export async function requireAdminPage(): Promise<Member> {
  const member = await currentMember();
  if (!member) {
    const session = await getServerSession(authOptions);
    redirect(session ? "/signin?error=suspended" : "/signin?callbackUrl=%2Fadmin");
  }
  if (member.role !== "admin") redirect("/dashboard");
  return member;
}

/** Server actions: the admin, or 401 (signed out, banned) / 403 (not an admin). */
export async function requireAdminForAction(): Promise<Member> {
  const member = await currentMember();
  if (!member) throw unauthorized();
  if (member.role !== "admin") throw forbidden("Admins only.");
  return member;
}
