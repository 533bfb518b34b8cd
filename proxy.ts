import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { sessionSecret } from "@/lib/auth/secret";

// First line of defence only: sends signed-out visitors of member pages to sign-in and
// non-admins away from /admin. Every page, action and API route checks again on the server.
export async function proxy(req: NextRequest) {
  const token = await getToken({ req, secret: sessionSecret() });
  const { pathname, search } = req.nextUrl;
  if (!token) {
    const url = new URL("/signin", req.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  if (pathname.startsWith("/admin") && token.role !== "admin") {
    return NextResponse.redirect(new URL("/dashboard", req.url));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/dashboard/:path*", "/matches/:path*", "/call/:path*", "/profile/:path*", "/admin/:path*"],
};
