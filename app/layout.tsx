import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Webhooks · Admin Panel", template: "%s · Admin Panel" },
  description: "Configure the webhooks your live-chat events are delivered to.",
  // Served from public/ (scripts/make-favicon.ts draws the .ico from the SVG).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
  },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts the request's CSP nonce (proxy.ts) on its
  // scripts only when rendering, so a prerendered page's scripts would be blocked.
  await connection();
  // No client providers here: the sign-in, setup and invitation pages need neither TanStack
  // Query nor toasts, so they live in app/(admin)/layout.tsx and keep these pages light.
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="bg-background text-foreground min-h-dvh font-sans antialiased">
        {children}
      </body>
    </html>
  );
}
