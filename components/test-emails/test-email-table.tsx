import Link from "next/link";
import { TestEmailStatusBadge } from "@/components/test-emails/test-email-status-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { fullTime, timeAgo } from "@/lib/format";
import type { TestEmailSummary } from "@/lib/test-emails/service";

/** One page of the inbox; each row opens its e-mail in the reader. */
export function TestEmailTable({ rows }: { rows: TestEmailSummary[] }) {
  return (
    <Table aria-label="Test e-mails" wrapperClassName="bg-background rounded-lg border">
      <TableHeader>
        <TableRow>
          <TableHead>Webhook</TableHead>
          <TableHead className="hidden sm:table-cell">Event type</TableHead>
          <TableHead className="hidden md:table-cell">Recipients</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="hidden sm:table-cell">Received</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="test-email-row">
            <TableCell className="max-w-48 font-medium sm:max-w-72">
              <Link
                href={`/test-emails/${row.id}`}
                className="focus-ring block truncate rounded-sm hover:underline"
                title={row.subject}
              >
                {row.webhook.name}
                <span className="sr-only">, {row.eventTypeLabel}</span>
              </Link>
              {/* On phones the event type and time move under the webhook. */}
              <span className="text-muted-foreground block truncate text-xs font-normal sm:hidden">
                {row.eventTypeLabel} ·{" "}
                <time dateTime={row.createdAt.toISOString()}>{timeAgo(row.createdAt)}</time>
              </span>
            </TableCell>
            <TableCell className="hidden whitespace-nowrap sm:table-cell">
              {row.eventTypeLabel}
            </TableCell>
            <TableCell
              className="text-muted-foreground hidden max-w-64 truncate text-sm md:table-cell"
              title={row.recipients.join(", ")}
            >
              {row.recipients.join(", ") || "—"}
            </TableCell>
            <TableCell>
              <TestEmailStatusBadge status={row.status} smtpResponse={row.smtpResponse} />
            </TableCell>
            <TableCell className="text-muted-foreground hidden text-sm whitespace-nowrap sm:table-cell">
              <time dateTime={row.createdAt.toISOString()} title={fullTime(row.createdAt)}>
                {timeAgo(row.createdAt)}
              </time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
