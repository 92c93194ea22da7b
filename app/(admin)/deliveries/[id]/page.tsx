import Link from "next/link";
import { AttemptTimeline } from "@/components/deliveries/attempt-timeline";
import { AutoRefresh } from "@/components/deliveries/auto-refresh";
import { DeliveryStatusBadge, ModeBadge } from "@/components/deliveries/delivery-status";
import { RedeliverButton } from "@/components/deliveries/redeliver-button";
import { Card, CardContent } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getDelivery } from "@/lib/delivery-log/service";
import { curlCommand } from "@/lib/delivery/curl";
import { orNotFound } from "@/lib/not-found";
import { getEventType } from "@/lib/events/catalog";
import { CUSTOMER_EMAIL_TOKENS } from "@/lib/events/ingest";
import { REDACTED } from "@/lib/payload/redact";
import { fullTime, plural } from "@/lib/format";

export const metadata = { title: "Delivery" };

// One delivery: its attempts, why each failed and how to fix it, Redeliver, Copy as curl.
export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const delivery = await orNotFound(getDelivery(actor, id));
  const canWrite = can(actor.role, "webhooks.write");
  const label = getEventType(delivery.eventType)?.label ?? delivery.eventType;
  const last = delivery.attempts.at(-1);
  const curl =
    last && last.requestMethod
      ? curlCommand({
          method: last.requestMethod,
          url: last.requestUrl,
          headers: last.requestHeaders as [string, string][],
          body: last.requestBody === "" ? null : last.requestBody,
        })
      : null;
  const facts: [string, React.ReactNode][] = [
    [
      "Webhook",
      <Link
        key="w"
        className="focus-ring underline-offset-4 hover:underline"
        href={`/webhooks/${delivery.webhook.id}`}
      >
        {delivery.webhook.name}
      </Link>,
    ],
    ["Event type", label],
    [
      "webhook-id",
      <code key="i" className="font-mono text-xs break-all">
        {delivery.id}
      </code>,
    ],
    [
      "Event id",
      <code key="e" className="font-mono text-xs break-all">
        {delivery.event.externalId ?? delivery.event.id}
      </code>,
    ],
    ["Created", fullTime(delivery.createdAt)],
    [
      delivery.status === "PENDING" ? "Next attempt" : "Finished",
      delivery.status === "PENDING"
        ? delivery.nextAttemptAt
          ? fullTime(delivery.nextAttemptAt)
          : "—"
        : delivery.completedAt
          ? fullTime(delivery.completedAt)
          : "—",
    ],
  ];
  if (delivery.event.chatId) facts.push(["Chat id", delivery.event.chatId]);
  if (delivery.event.customerEmail) {
    // Masked by the webhook: not shown here either.
    const masked = CUSTOMER_EMAIL_TOKENS.some((t) => delivery.webhook.redactTokens.includes(t));
    facts.push(["Customer e-mail", masked ? REDACTED : delivery.event.customerEmail]);
  }

  return (
    <>
      <AutoRefresh active={delivery.status === "PENDING"} />
      <PageHeader
        breadcrumbs={[
          { label: "Admin Panel" },
          { label: "Integrations & Partners" },
          { label: "Deliveries", href: "/deliveries" },
          { label: label },
        ]}
        title={`${label} → ${delivery.webhook.name}`}
        description={
          delivery.status === "FAILED"
            ? "This delivery failed for good. Fix the cause below, then redeliver it."
            : delivery.status === "PENDING"
              ? "This delivery is being sent or waiting for its next attempt; this page updates itself."
              : "Delivered. Each attempt below shows exactly what was sent and what came back."
        }
        actions={
          <div className="flex flex-wrap gap-2">
            {curl && <CopyButton value={curl} label="Copy as curl" showLabel variant="outline" />}
            {canWrite && <RedeliverButton id={delivery.id} />}
          </div>
        }
      />
      <div className="mt-6 space-y-6">
        <Card>
          <CardContent className="grid gap-x-6 gap-y-3 pt-6 sm:grid-cols-2 lg:grid-cols-3">
            <div className="flex items-center gap-2 sm:col-span-2 lg:col-span-3">
              <DeliveryStatusBadge status={delivery.status} attemptCount={delivery.attemptCount} />
              <ModeBadge mode={delivery.mode} />
              <span className="text-muted-foreground text-sm">
                {plural(delivery.attemptCount, "attempt")}
              </span>
            </div>
            {facts.map(([term, value]) => (
              <div key={term} className="min-w-0">
                <p className="text-muted-foreground text-xs">{term}</p>
                <div className="text-sm">{value}</div>
              </div>
            ))}
          </CardContent>
        </Card>
        <section aria-labelledby="attempts-heading" className="space-y-3">
          <h2 id="attempts-heading" className="text-lg font-semibold">
            Attempts
          </h2>
          {delivery.attempts.length === 0 ? (
            <p className="text-muted-foreground text-sm">No attempt yet: it is being sent now.</p>
          ) : (
            <AttemptTimeline attempts={delivery.attempts} testMode={delivery.mode === "TEST"} />
          )}
        </section>
      </div>
    </>
  );
}
