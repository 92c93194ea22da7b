// Sent with every response. Pages get their Content-Security-Policy, with a per-request
// script nonce, from proxy.ts (lib/csp.ts); everything else (API routes, static files) gets
// STATIC_CSP, which allows nothing to run or frame it.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Browsers honour it only over HTTPS, which production deployments use.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];
const STATIC_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server (.next/standalone/server.js with the traced node_modules) for the
  // container image and `npm start`. Not on Vercel: it packages the build its own way, and its
  // build adapter and the standalone step collide there (vercel/next.js#96646).
  output: process.env.VERCEL ? undefined : "standalone",
  // Read at run time with fs, so the tracer cannot see them: the migrations that
  // instrumentation.ts applies at start and /api/health compares with the database.
  outputFileTracingIncludes: {
    "/api/health": ["./prisma/migrations/**/*"],
    instrumentation: ["./prisma/migrations/**/*"],
  },
  async headers() {
    const staticCsp = [{ key: "Content-Security-Policy", value: STATIC_CSP }];
    return [
      { source: "/:path*", headers: securityHeaders },
      ...["/api/:path*", "/_next/:path*", "/favicon.ico", "/icon.svg"].map((source) => ({
        source,
        headers: staticCsp,
      })),
    ];
  },
  reactStrictMode: true,
  poweredByHeader: false,
  // Native argon2 binding: loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2"],
  // Types are checked by `tsc --noEmit` before `next build` in `npm run build` (the image) and
  // `vercel-build`, so a deployment with a type error fails to build, and by CI; not a second
  // time inside next build, nor by `npm start`'s build of an already checked tree.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
