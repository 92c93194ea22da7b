import { Pencil } from "lucide-react";
import Link from "next/link";
import { DeliveryTable } from "@/components/deliveries/delivery-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { HealthBanner } from "@/components/webhook-detail/health-banner";
import { RecoverDialog } from "@/components/webhook-detail/recover-dialog";
import { ConditionsSummary } from "@/components/webhook-detail/conditions-summary";
import { StatsChart } from "@/components/webhook-detail/stats-chart";
import { CertificateExpiryNote } from "@/components/webhooks/certificate-expiry-note";
import { HowToReceive } from "@/components/webhooks/how-to-receive";
import { VerificationBadge } from "@/components/webhooks/verification-badge";
import { VerifyUrlButton } from "@/components/webhooks/verify-url-button";
import { WebhookModeButton } from "@/components/webhooks/webhook-mode-switch";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listDeliveries } from "@/lib/delivery-log/service";
import { orNotFound } from "@/lib/not-found";
import { getEventType } from "@/lib/events/catalog";
import { env } from "@/lib/env";
import { fullTime } from "@/lib/format";
import { certificateExpiry } from "@/lib/webhooks/certificate-expiry";
import { isVerified } from "@/lib/webhooks/echo-check";
import {
  authTypeLabels,
  labelOf,
  payloadFormatLabels,
  retryPolicyLabels,
} from "@/lib/webhooks/labels";
import { getWebhook } from "@/lib/webhooks/service";
import { webhookHealth, webhookStats, type Health } from "@/lib/webhooks/stats";

export const metadata = { title: "Webhook" };

const healthBadge: Record<
  Health,
  { label: string; variant: "success" | "destructive" | "secondary" }
> = {
  healthy: { label: "Healthy", variant: "success" },
  failing: { label: "Failing", variant: "destructive" },
  disabled: { label: "Disabled", variant: "secondary" },
  unknown: { label: "No live deliveries yet", variant: "secondary" },
};

const urlPath = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
};

const authLabel = (w: {
  authType: string;
  oauthClientId: string | null;
  tlsCaPem: string | null;
}) =>
  [
    w.authType === "OAUTH2"
      ? `${authTypeLabels.OAUTH2} (${w.oauthClientId})`
      : labelOf(authTypeLabels, w.authType),
    w.tlsCaPem && "custom CA",
  ]
    .filter(Boolean)
    .join(", ");

const hourLabel = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const dayLabel = (d: Date) => d.toISOString().slice(5, 10);

// One webhook: configuration, health, success rate and latency, recent deliveries, and how
// to receive and verify what it sends.
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const webhook = await orNotFound(getWebhook(actor, id));
  const filters = { webhook: id };
  const [health, day, week, recent] = await Promise.all([
    webhookHealth(actor, webhook),
    webhookStats(actor, id, "24h"),
    webhookStats(actor, id, "7d"),
    listDeliveries(actor, filters),
  ]);
  const canWrite = can(actor.role, "webhooks.write");
  const label = getEventType(webhook.eventType)?.label ?? webhook.eventType;
  const outageSince = (webhook.lastSuccessAt ?? webhook.createdAt).toISOString();
  const badge = healthBadge[health];
  const verified = isVerified(webhook);
  // Without SMTP_URL, Test mode keeps each e-mail in the app's Test e-mails inbox only.
  const mailKept = !env().SMTP_URL;
  const config: [string, string][] = [
    ["Event type", label],
    ["Request", `${webhook.verb} ${webhook.url}`],
    [
      "URL verification",
      verified && webhook.verifiedAt
        ? `Verified ${fullTime(webhook.verifiedAt)}`
        : (webhook.verificationError ?? "Not verified yet — Verify URL checks that it echoes"),
    ],
    [
      "Mode",
      !webhook.testMode
        ? "Live"
        : mailKept
          ? "Test — kept in Test e-mails (no mail server configured)"
          : `Test — e-mailed to ${webhook.testEmails.join(", ")}`,
    ],
    ["Payload", labelOf(payloadFormatLabels, webhook.payloadFormat)],
    ["Retries", labelOf(retryPolicyLabels, webhook.retryPolicy)],
    ["Timeout", `${webhook.timeoutMs / 1000} s`],
    ["Authentication", authLabel(webhook)],
    ["Last success", webhook.lastSuccessAt ? fullTime(webhook.lastSuccessAt) : "—"],
  ];

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: "Admin Panel" },
          { label: "Integrations & Partners" },
          { label: "Webhooks", href: "/webhooks" },
          { label: webhook.name },
        ]}
        title={webhook.name}
        description={
          webhook.testMode
            ? `${label} events, in Test mode: ${mailKept ? "kept in Test e-mails" : "e-mailed"}, not sent to ${webhook.url}`
            : `${label} events, sent live to ${webhook.url}`
        }
        actions={
          <div className="flex flex-wrap gap-2">
            {canWrite && <VerifyUrlButton webhookId={webhook.id} />}
            {canWrite && (
              <WebhookModeButton
                mailKept={mailKept}
                variant="outline"
                webhook={{
                  id: webhook.id,
                  name: webhook.name,
                  url: webhook.url,
                  enabled: webhook.enabled,
                  testMode: webhook.testMode,
                  testEmails: webhook.testEmails,
                }}
              />
            )}
            {canWrite && <RecoverDialog webhookId={webhook.id} defaultSince={outageSince} />}
            <Button asChild variant={canWrite ? "default" : "outline"}>
              <Link href={`/webhooks/${webhook.id}/edit`}>
                <Pencil aria-hidden /> {canWrite ? "Edit" : "View settings"}
              </Link>
            </Button>
          </div>
        }
      />
      <div className="mt-6 space-y-6">
        <HealthBanner webhook={webhook} canWrite={canWrite} outageSince={outageSince} />
        {webhook.tlsClientCertExpiresAt &&
          certificateExpiry(webhook.tlsClientCertExpiresAt, new Date()) !== "valid" && (
            <div
              role="alert"
              className="border-warning/30 bg-warning-soft flex items-start gap-3 rounded-lg border p-4 text-sm"
            >
              <div className="flex-1">
                <p className="text-warning font-medium">The client certificate needs renewing</p>
                <p>{webhook.tlsClientCertSubject}</p>
                <CertificateExpiryNote expiresAt={webhook.tlsClientCertExpiresAt} />
              </div>
              {canWrite && (
                <Button asChild variant="outline">
                  <Link href={`/webhooks/${webhook.id}/edit`}>Upload a new one</Link>
                </Button>
              )}
            </div>
          )}
        <Card>
          <CardHeader className="flex flex-row flex-wrap items-center gap-2">
            <CardTitle>Configuration</CardTitle>
            <Badge variant={webhook.testMode ? "test" : "live"} />
            <Badge variant={badge.variant} data-testid="health">
              {badge.label}
            </Badge>
            <VerificationBadge verified={verified} />
            {webhook.consecutiveFailures > 0 && (
              <span className="text-muted-foreground text-sm">
                {webhook.consecutiveFailures} failed in a row
              </span>
            )}
          </CardHeader>
          <CardContent className="space-y-3">
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
              {config.map(([term, value]) => (
                <div key={term} className="min-w-0">
                  <dt className="text-muted-foreground text-xs">{term}</dt>
                  <dd className="text-sm break-words">{value}</dd>
                </div>
              ))}
            </dl>
            <ConditionsSummary
              eventType={webhook.eventType}
              eventLabel={label}
              conditions={webhook.conditions}
              skippedEvents={webhook.skippedEvents}
            />
            {webhook.tlsClientCertSubject && webhook.tlsClientCertExpiresAt && (
              <div className="min-w-0">
                <p className="text-muted-foreground text-xs">Client certificate (mTLS)</p>
                <p className="text-sm break-words">{webhook.tlsClientCertSubject}</p>
                <CertificateExpiryNote expiresAt={webhook.tlsClientCertExpiresAt} />
              </div>
            )}
          </CardContent>
        </Card>
        <section aria-labelledby="stats-heading" className="space-y-3">
          <h2 id="stats-heading" className="text-lg font-semibold">
            Success rate and latency
          </h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <StatsChart title="Last 24 hours" stats={day} bucketLabel={hourLabel} />
            <StatsChart title="Last 7 days" stats={week} bucketLabel={dayLabel} />
          </div>
        </section>
        <section aria-labelledby="recent-heading" className="space-y-3">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="recent-heading" className="text-lg font-semibold">
              Recent deliveries
            </h2>
            <Link
              href={`/deliveries?webhook=${webhook.id}`}
              className="focus-ring text-sm underline-offset-4 hover:underline"
            >
              All deliveries →
            </Link>
          </div>
          <DeliveryTable filters={filters} initial={recent} limit={10} />
        </section>
        <HowToReceive
          webhookId={webhook.id}
          webhookName={webhook.name}
          path={urlPath(webhook.url)}
          canSend={canWrite && webhook.enabled}
        />
      </div>
    </>
  );
}
