import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 when the database answers. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "ok" });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
