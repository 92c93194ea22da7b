import { withAuth } from "next-auth/middleware";

// First line of defence: admin pages need a session cookie. Pages and actions still check
// the session, organization and role themselves.
export default withAuth({ pages: { signIn: "/signin" } });

export const config = {
  matcher: [
    "/((?!signin|setup|invite|no-organization|api/auth|api/health|api/v1|api/inngest|_next|favicon.ico|icon.svg).*)",
  ],
};
