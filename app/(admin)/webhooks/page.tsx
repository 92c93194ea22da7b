import { Plus, Webhook } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookFilters } from "@/components/webhooks/webhook-filters";
import { WebhookTable } from "@/components/webhooks/webhook-table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { isVerified } from "@/lib/webhooks/echo-check";
import { webhookFiltersSchema } from "@/lib/webhooks/schemas";
import { hasWebhooks, lastDeliveries, listWebhooks } from "@/lib/webhooks/service";

export const metadata = { title: "Webhooks" };

const breadcrumbs = [
  { label: "Admin Panel" },
  { label: "Integrations & Partners" },
  { label: "Webhooks" },
];

// Admin Panel → Integrations & Partners → Webhooks: every configured event webhook.
export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const filters = webhookFiltersSchema.parse(await searchParams);
  const [rows, any] = await Promise.all([listWebhooks(actor, filters), hasWebhooks(actor)]);
  const last = await lastDeliveries(
    actor,
    rows.map((w) => w.id),
  );
  const canWrite = can(actor.role, "webhooks.write");
  const addEvent = canWrite && (
    <Button asChild>
      <Link href="/webhooks/new">
        <Plus aria-hidden /> Add Event
      </Link>
    </Button>
  );

  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title="Webhooks"
        description="Send chat events — opened, assigned, closed, offline messages and more — to your own systems the moment they happen."
        actions={any ? addEvent : null}
      />
      {!any ? (
        <div className="mt-6">
          <EmptyState
            icon={Webhook}
            headingLevel="h2"
            title="No webhooks yet"
            description={
              canWrite
                ? "A webhook sends a payload you design to your URL whenever a chat event happens. Start in Test mode: each payload is e-mailed to you so you can check its format before going live."
                : "A webhook sends a payload to a URL whenever a chat event happens. An Owner or Admin of this organization can add one."
            }
            action={addEvent}
          />
        </div>
      ) : (
        <div className="mt-6 space-y-3">
          <Suspense>
            <WebhookFilters />
          </Suspense>
          {rows.length === 0 ? (
            <EmptyState
              headingLevel="h2"
              title="No webhooks match"
              description="Try another event type, mode or search."
            />
          ) : (
            <WebhookTable
              canWrite={canWrite}
              mailKept={!env().SMTP_URL}
              rows={rows.map((w) => ({
                id: w.id,
                name: w.name,
                eventType: w.eventType,
                verb: w.verb,
                url: w.url,
                testMode: w.testMode,
                testEmails: w.testEmails,
                verified: isVerified(w),
                enabled: w.enabled,
                updatedAt: w.updatedAt.toISOString(),
                disabledReason: w.disabledReason,
                clientCertExpiresAt: w.tlsClientCertExpiresAt?.toISOString() ?? null,
                lastDelivery: (() => {
                  const l = last.get(w.id);
                  return l ? { ...l, at: l.at.toISOString() } : null;
                })(),
              }))}
            />
          )}
        </div>
      )}
    </>
  );
}
