// Where sign-in sends a person afterwards: a path on this site, straight to the page they
// asked for — never "/" (which only redirects to the Webhooks list, an extra blank hop) or
// back to a sign-in page, and never another site.

/** The first page after sign-in. */
export const HOME = "/webhooks";

/** A same-site path from a `callbackUrl` parameter, or the Webhooks list. */
export function safeCallbackUrl(value: string | string[] | undefined | null): string {
  const raw = typeof value === "string" ? value.trim() : "";
  if (!raw.startsWith("/") || raw.startsWith("//")) return HOME;
  try {
    const url = new URL(raw, "http://x");
    if (url.host !== "x") return HOME;
    if (url.pathname === "/" || /^\/signin(\/|$)/.test(url.pathname)) return HOME;
    return url.pathname + url.search;
  } catch {
    return HOME;
  }
}
