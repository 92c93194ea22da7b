import { MIN_EVENT_RETENTION_DAYS } from "@/lib/retention/purge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { plural } from "@/lib/format";

const days = (n: number) => plural(n, "day");

/** What the retention purge deletes, and when, for a retention of `retentionDays`. */
export function RetentionPolicy({ retentionDays }: { retentionDays: number }) {
  const rows = [
    {
      what: "Delivery attempts",
      detail: "Request and response headers and bodies, status, timing, errors.",
      kept: `${days(retentionDays)} after the attempt`,
    },
    {
      what: "Test e-mails",
      detail: "The e-mails Test-mode webhooks sent or kept.",
      kept: `${days(retentionDays)} after sending`,
    },
    {
      what: "Finished deliveries",
      detail: "Succeeded or failed, with their entry in the delivery log.",
      kept: `${days(retentionDays)} after they finished`,
    },
    {
      what: "Pending deliveries",
      detail: "Waiting for their first attempt or a retry.",
      kept: "Never deleted",
    },
    {
      what: "Received events",
      detail: `The chat data payloads are rendered from; at least ${days(MIN_EVENT_RETENTION_DAYS)}, to recognise resends.`,
      kept: `${days(Math.max(retentionDays, MIN_EVENT_RETENTION_DAYS))}, or while a delivery needs them`,
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">What is kept, and for how long</CardTitle>
        <CardDescription>
          Delivery attempts, their request and response bodies, and test e-mails are deleted{" "}
          {days(retentionDays)} after they were made; pending deliveries are never deleted.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="divide-y rounded-md border text-sm">
          {rows.map((row) => (
            <div
              key={row.what}
              className="grid gap-1 px-3 py-2.5 sm:grid-cols-[minmax(0,1fr)_minmax(0,18rem)] sm:gap-4"
            >
              <dt>
                <span className="font-medium">{row.what}</span>
                <span className="text-muted-foreground block text-[13px]">{row.detail}</span>
              </dt>
              <dd className="text-foreground sm:text-right">{row.kept}</dd>
            </div>
          ))}
        </dl>
        <p className="text-muted-foreground mt-3 text-[13px]">
          The purge runs every hour, in small batches that do not hold up deliveries, so a row may
          outlive its limit by up to an hour.
        </p>
      </CardContent>
    </Card>
  );
}
