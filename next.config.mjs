/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native argon2 binding: loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2"],
};

export default nextConfig;
