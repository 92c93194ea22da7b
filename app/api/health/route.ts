import { db } from "@/lib/db/client";
import { deliveryEngine, env } from "@/lib/env";
import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness (the container's HEALTHCHECK, load balancers): 200 when the
 * configuration is valid, the database answers, its migrations are current and no due delivery
 * has waited past HEALTH_MAX_QUEUE_LAG_SECONDS; 503 otherwise.
 */
export async function GET() {
  const health = await readiness({
    engine: deliveryEngine,
    query: <Row>(sql: string) => db.$queryRawUnsafe<Row[]>(sql),
    maxQueueLagSeconds: () => env().HEALTH_MAX_QUEUE_LAG_SECONDS,
  });
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
