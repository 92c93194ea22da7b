// The Content-Security-Policy of every page. Scripts run only with this response's nonce
// ('strict-dynamic' lets them load Next's chunks); no inline script runs without it. Styles
// allow 'unsafe-inline': React and Radix set style attributes, which nonces cannot cover.
// API routes and static files get STATIC_CSP from next.config.mjs.

/** The page policy for one response's nonce. */
export function pageCsp(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // Dev mode evaluates modules (React Refresh); production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
