import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { sessionSecret } from "@/lib/auth/secret";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

const MEMBER_PAGES = ["/dashboard", "/matches", "/call", "/profile", "/account", "/admin"];

// Runs on every page request and on next-auth's /api/auth/* (not on build assets, and not on
// our JSON API, whose fixed security headers come from next.config.ts; route() refuses NULs
// there). It
// - sets the security headers (CSP with a fresh nonce that Next.js puts on its scripts);
// - answers 400 to a URL carrying a NUL character (PostgreSQL can't store one; pages have no
//   other place to refuse it — route() checks again for API routes);
// - sends signed-out visitors of member pages to sign-in and non-admins away from /admin, as a
//   first line of defence only: every page, action and API route checks again on the server.
export async function proxy(req: NextRequest) {
  const headers = securityHeaders({
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
    production: process.env.NODE_ENV === "production",
    liveKitUrl: process.env.LIVEKIT_URL || undefined,
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });
  const res = await respond(req, headers["content-security-policy"]!);
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

async function respond(req: NextRequest, csp: string): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  if (urlHasNul(req)) {
    return NextResponse.json({ error: "The address must not contain NUL characters (\\u0000)." }, { status: 400 });
  }
  if (MEMBER_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const token = await getToken({ req, secret: sessionSecret() });
    if (!token) {
      const url = new URL("/signin", req.url);
      url.searchParams.set("callbackUrl", pathname + search);
      return NextResponse.redirect(url);
    }
    if ((pathname === "/admin" || pathname.startsWith("/admin/")) && token.role !== "admin") {
      return NextResponse.redirect(new URL("/dashboard", req.url));
    }
  }
  // Next.js reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

function urlHasNul(req: NextRequest): boolean {
  if (/%00/.test(req.nextUrl.pathname)) return true;
  for (const [name, value] of req.nextUrl.searchParams) if (name.includes("\u0000") || value.includes("\u0000")) return true;
  return false;
}

export const config = {
  // Everything but build assets (hashed, immutable, no HTML) and the JSON API other than
  // next-auth's (see next.config.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/(?!auth/)).*)"],
};
