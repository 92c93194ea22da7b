/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native argon2 binding: loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2"],
  // Types are checked once, by `npm run typecheck` (CI runs it before the tests); checking
  // again in every build would double the first-run time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
