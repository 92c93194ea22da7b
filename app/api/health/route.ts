import { db } from "@/lib/db/client";
import { deliveryEngine } from "@/lib/env";
import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness (the container's HEALTHCHECK, load balancers): 200 when the
 * configuration is valid, the database answers and its migrations are current; 503 otherwise.
 */
export async function GET() {
  const health = await readiness({
    engine: deliveryEngine,
    query: <Row>(sql: string) => db.$queryRawUnsafe<Row[]>(sql),
  });
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
