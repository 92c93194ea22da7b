"use client";

import { Filter, Timer } from "lucide-react";
import Link from "next/link";
import { DeliveryOutcomes } from "@/components/events/delivery-outcomes";
import { getEventType } from "@/lib/events/catalog";
import { summarizeFanOut } from "@/lib/events/fan-out";
import type { FanOut } from "@/lib/events/service";
import { fullTime } from "@/lib/format";

const row = "flex items-start gap-3 p-3 text-sm";
const name = "focus-ring rounded-sm font-medium underline-offset-4 hover:underline";

/**
 * What the Event simulator's event did, webhook by webhook: each delivery live, each webhook
 * whose conditions it did not meet, and each time-based webhook whose timer it started.
 */
export function SimulatorResult({ fanOut }: { fanOut: FanOut & { receivedAt: string } }) {
  return (
    <div className="space-y-3" data-testid="simulator-result">
      <p role="status" className="text-sm" data-testid="simulator-summary">
        <span className="font-medium">Sent {fullTime(fanOut.receivedAt)}:</span>{" "}
        {summarizeFanOut(fanOut)}.
      </p>
      {fanOut.deliveryIds.length > 0 && <DeliveryOutcomes ids={fanOut.deliveryIds} />}
      {fanOut.skipped.length > 0 && (
        <ul className="divide-y rounded-md border" aria-label="Skipped by conditions">
          {fanOut.skipped.map((w) => (
            <li key={w.id} className={row} data-testid="skipped-webhook">
              <Filter className="text-muted-foreground mt-0.5 size-4 shrink-0" aria-hidden />
              <div className="min-w-0 flex-1">
                <Link href={`/webhooks/${w.id}`} className={`${name} block truncate`}>
                  {w.name}
                </Link>
                <p className="text-muted-foreground">
                  Skipped by its conditions: the event did not meet them, so nothing was sent.
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {fanOut.timers.length > 0 && (
        <ul className="divide-y rounded-md border" aria-label="Timers started">
          {fanOut.timers.map((t) => (
            <li key={t.id} className={row} data-testid="started-timer">
              <Timer className="text-warning mt-0.5 size-4 shrink-0" aria-hidden />
              <div className="min-w-0 flex-1">
                <Link href={`/webhooks/${t.id}`} className={`${name} block truncate`}>
                  {t.name}
                </Link>
                <p className="text-muted-foreground">
                  {getEventType(t.eventType)?.label ?? "Time-based"}: fires at {fullTime(t.dueAt)}{" "}
                  unless the answering event arrives first.
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
