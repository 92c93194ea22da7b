import Link from "next/link";
import type { ReactNode } from "react";
import { TestEmailBody } from "@/components/test-emails/test-email-body";
import { TestEmailStatusBadge } from "@/components/test-emails/test-email-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { WebhookModeButton } from "@/components/webhooks/webhook-mode-switch";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { orNotFound } from "@/lib/not-found";
import { fullTime, timeAgo } from "@/lib/format";
import { getTestEmail } from "@/lib/test-emails/service";

export const metadata = { title: "Test e-mail" };

// The reader: one test e-mail as it was sent, its delivery status, and Go live for its webhook.
export default async function TestEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const email = await orNotFound(getTestEmail(actor, id));
  const { webhook } = email;
  const canWrite = can(actor.role, "webhooks.write");

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: "Admin Panel" },
          { label: "Integrations & Partners" },
          { label: "Test e-mails", href: "/test-emails" },
          { label: `${email.eventTypeLabel} e-mail` },
        ]}
        title={<span className="break-words">{email.subject}</span>}
        description={
          <time dateTime={email.createdAt.toISOString()}>
            {fullTime(email.createdAt)} ({timeAgo(email.createdAt)})
          </time>
        }
        actions={
          webhook.testMode && canWrite ? (
            <WebhookModeButton webhook={webhook} mailKept={!env().SMTP_URL} />
          ) : null
        }
      >
        <p role="status" data-testid="webhook-mode" className="text-muted-foreground text-sm">
          <Badge variant={webhook.testMode ? "test" : "live"} className="mr-2 align-[1px]" />
          {webhook.testMode
            ? `“${webhook.name}” is in Test mode: its deliveries are e-mailed, and nothing is sent to its URL.${canWrite ? "" : " An Owner or Admin can switch it to Live."}`
            : `“${webhook.name}” is Live: its deliveries are sent to its URL.`}
        </p>
      </PageHeader>

      <div className="space-y-6">
        <Card>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
              <Detail term="Webhook">
                <span className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/webhooks/${webhook.id}/edit`}
                    className="focus-ring text-primary rounded-sm font-medium break-words hover:underline"
                  >
                    {webhook.name}
                  </Link>
                  {!webhook.enabled && <Badge variant="outline">Disabled</Badge>}
                </span>
              </Detail>
              <Detail term="Event type">{email.eventTypeLabel}</Detail>
              <Detail term="To">
                <span className="break-all">{email.recipients.join(", ") || "No recipients"}</span>
              </Detail>
              <Detail term="Status" wide>
                <span className="flex flex-col items-start gap-1.5">
                  <TestEmailStatusBadge status={email.status} />
                  {email.smtpResponse && (
                    <span
                      data-testid="smtp-response"
                      className="text-muted-foreground font-mono text-xs break-all"
                    >
                      {email.smtpResponse}
                    </span>
                  )}
                </span>
              </Detail>
              <Detail term="Delivery">
                <Link
                  href={`/deliveries/${email.deliveryId}`}
                  className="focus-ring font-mono text-xs break-all underline-offset-4 hover:underline"
                >
                  {email.deliveryId}
                </Link>
              </Detail>
            </dl>
          </CardContent>
        </Card>
        <TestEmailBody html={email.htmlBody} text={email.textBody} />
      </div>
    </>
  );
}

function Detail({ term, wide, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "min-w-0 sm:col-span-2" : "min-w-0"}>
      <dt className="text-muted-foreground text-xs font-medium">{term}</dt>
      <dd className="mt-1 text-sm">{children}</dd>
    </div>
  );
}
