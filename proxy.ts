import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { newNonce, pageCsp } from "@/lib/csp";

// Runs before every page (not API routes or static files):
// 1. First line of defence: admin pages need a session token; without one, the sign-in page
//    (pages and actions still check the session, organization and role themselves).
// 2. A per-request nonce for the Content-Security-Policy, which Next applies to its scripts
//    (it reads the policy from the request headers while rendering).

/** Pages anyone may open. */
const PUBLIC = /^\/(signin|setup|invite|no-organization)(\/|$)/;

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PUBLIC.test(pathname) && !(await getToken({ req: request }))) {
    const signIn = new URL("/signin", request.url);
    // "/" only redirects to the Webhooks list, where sign-in goes anyway.
    if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const csp = pageCsp(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg).*)"],
};
