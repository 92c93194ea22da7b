"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DeliveryStatusBadge, ModeBadge } from "@/components/deliveries/delivery-status";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { listDeliveriesAction } from "@/lib/delivery-log/actions";
import type { DeliveryFilters } from "@/lib/delivery-log/schemas";
import type { DeliveryRow } from "@/lib/delivery-log/service";
import { getEventType } from "@/lib/events/catalog";
import { fullTime } from "@/lib/format";

/** How often the open page is refreshed in place. */
const REFRESH_MS = 3_000;

type Page = { rows: DeliveryRow[]; next: string | null };

/**
 * The deliveries of one page. The page is fetched again every few seconds with the same
 * filters and cursor: new rows appear on the first page and changed rows update where they
 * are, so the reader keeps their place.
 */
export function DeliveryTable({
  filters,
  initial,
  limit,
}: {
  filters: DeliveryFilters;
  initial: Page;
  /** Show only the newest `limit` rows (a summary elsewhere). */
  limit?: number;
}) {
  const { data } = useQuery({
    queryKey: ["deliveries", "list", filters],
    queryFn: async () => {
      const result = await listDeliveriesAction(filters);
      if (!result?.data) throw new Error(result?.serverError ?? "Could not refresh.");
      return result.data;
    },
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });

  const rows = limit ? data.rows.slice(0, limit) : data.rows;
  if (rows.length === 0) {
    return (
      <EmptyState
        headingLevel="h2"
        title="No deliveries match"
        description="Deliveries appear here as soon as chat events reach an enabled webhook. Try other filters, or send a test event from a webhook."
      />
    );
  }

  return (
    <Table aria-label="Deliveries">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Webhook</TableHead>
          <TableHead className="hidden md:table-cell">Event type</TableHead>
          <TableHead className="hidden sm:table-cell">Status</TableHead>
          <TableHead className="hidden sm:table-cell">Attempts</TableHead>
          <TableHead className="hidden sm:table-cell">HTTP</TableHead>
          <TableHead className="hidden lg:table-cell">Duration</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((d) => {
          const created = new Date(d.createdAt);
          return (
            <TableRow key={d.id} className="relative">
              <TableCell className="sm:whitespace-nowrap">
                <Link
                  href={`/deliveries/${d.id}`}
                  className="focus-ring font-medium after:absolute after:inset-0"
                >
                  <time dateTime={created.toISOString()}>{fullTime(created)}</time>
                </Link>
                <div className="mt-1 sm:hidden">
                  <DeliveryStatusBadge status={d.status} attemptCount={d.attemptCount} />
                </div>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="max-w-56 truncate">{d.webhook.name}</span>
                  <ModeBadge mode={d.mode} />
                </div>
                <p className="text-muted-foreground text-xs md:hidden">
                  {getEventType(d.eventType)?.label ?? d.eventType}
                </p>
              </TableCell>
              <TableCell className="hidden md:table-cell">
                {getEventType(d.eventType)?.label ?? d.eventType}
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <DeliveryStatusBadge status={d.status} attemptCount={d.attemptCount} />
              </TableCell>
              <TableCell className="hidden tabular-nums sm:table-cell">{d.attemptCount}</TableCell>
              <TableCell className="hidden tabular-nums sm:table-cell">
                {d.lastResponseStatus ?? (d.mode === "TEST" && d.attemptCount > 0 ? "e-mail" : "—")}
              </TableCell>
              <TableCell className="hidden tabular-nums lg:table-cell">
                {d.lastDurationMs !== null ? `${d.lastDurationMs} ms` : "—"}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
