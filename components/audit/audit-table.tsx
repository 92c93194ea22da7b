import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { auditActions, type AuditChange } from "@/lib/audit/catalog";
import type { AuditEntry } from "@/lib/audit/service";
import { fullTime } from "@/lib/format";

/** Where a target can be opened, while it exists. */
function targetHref(e: AuditEntry): string | null {
  if (!e.targetId || e.targetDeleted) return null;
  if (e.targetType === "webhook") return `/webhooks/${e.targetId}`;
  if (e.targetType === "delivery") return `/deliveries/${e.targetId}`;
  return null;
}

function Change({ change }: { change: AuditChange }) {
  if ("secret" in change) {
    return (
      <li>
        <span className="font-medium">{change.field}</span>{" "}
        <Badge variant="secondary">changed</Badge>
      </li>
    );
  }
  const value = (v: string | null) =>
    v === null ? (
      <span className="text-muted-foreground italic">empty</span>
    ) : (
      <span className="font-mono text-xs break-all">{v}</span>
    );
  return (
    <li>
      <span className="font-medium">{change.field}:</span> {value(change.from)}{" "}
      <span aria-label="became">→</span> {value(change.to)}
    </li>
  );
}

/** One page of the audit log. */
export function AuditTable({ rows }: { rows: AuditEntry[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState
        headingLevel="h2"
        title="No entries match"
        description="Changes to webhooks, API keys, members and settings appear here. Try other filters."
      />
    );
  }
  return (
    <Table aria-label="Audit log" stack>
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead className="hidden md:table-cell">Changes</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((e) => {
          const href = targetHref(e);
          return (
            <TableRow key={e.id} className="align-top">
              <TableCell data-label="Time" className="whitespace-nowrap">
                <time dateTime={e.createdAt.toISOString()}>{fullTime(e.createdAt)}</time>
              </TableCell>
              <TableCell data-label="Who" title={e.actorLabel}>
                <span className="block max-w-48 truncate max-sm:max-w-full">{e.actorLabel}</span>
              </TableCell>
              <TableCell data-label="What">
                <div className="min-w-0">
                  <div>{auditActions[e.action] ?? e.action}</div>
                  <div className="text-muted-foreground max-w-64 truncate text-xs max-sm:max-w-52">
                    {href ? (
                      <Link href={href} className="focus-ring underline-offset-2 hover:underline">
                        {e.targetLabel}
                      </Link>
                    ) : (
                      e.targetLabel
                    )}
                    {e.targetDeleted && " (deleted)"}
                  </div>
                </div>
              </TableCell>
              <TableCell data-label="Changes" className="max-sm:empty:hidden sm:max-md:hidden">
                {e.changes.length > 0 && (
                  <ul className="space-y-1 text-sm">
                    {e.changes.map((c, i) => (
                      <Change key={i} change={c} />
                    ))}
                  </ul>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
