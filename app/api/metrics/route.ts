import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { scrape } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Prometheus metrics of this process (lib/metrics/registry.ts), for a scraper holding
 * METRICS_TOKEN as its bearer token. Without METRICS_TOKEN the route does not exist (404).
 */
export async function GET(request: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return Response.json({ error: "Not found." }, { status: 404 });
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  // Compared as digests: equal lengths, and the time taken says nothing about the token.
  if (!timingSafeEqual(digest(given), digest(token))) {
    return Response.json(
      { error: "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>." },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { body, contentType } = await scrape();
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
}
