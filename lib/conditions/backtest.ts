import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { meetsConditions } from "@/lib/conditions/evaluate";
import type { Conditions } from "@/lib/conditions/schemas";
import { db } from "@/lib/db/client";
import type { EventData } from "@/lib/events/event-data";

// "Would have fired for N of the last 100 events": conditions being edited, run against the
// organization's stored events of the type (one index range scan, newest first).

export const BACKTEST_EVENTS = 100;

export async function backtestConditions(
  actor: Actor,
  { eventType, conditions }: { eventType: string; conditions: Conditions },
) {
  assertCan(actor, "webhooks.read");
  const events = await db.event.findMany({
    where: { organizationId: actor.organizationId, type: eventType },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: BACKTEST_EVENTS,
    select: { id: true, externalId: true, chatId: true, receivedAt: true, data: true },
  });
  const matched = events
    .filter((e) => meetsConditions(conditions, e.data as EventData))
    .map((e) => ({
      id: e.id,
      externalId: e.externalId,
      chatId: e.chatId,
      receivedAt: e.receivedAt,
    }));
  return { total: events.length, matched };
}
