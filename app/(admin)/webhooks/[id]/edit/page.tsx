import { PageHeader } from "@/components/ui/page-header";
import { SendTestEventButton } from "@/components/events/send-test-event-button";
import { SigningSecretCard } from "@/components/webhooks/signing-secret-card";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/not-found";
import { isVerified } from "@/lib/webhooks/echo-check";
import { webhookToFormValues } from "@/lib/webhooks/form-values";
import { getWebhook } from "@/lib/webhooks/service";

export const metadata = { title: "Edit webhook" };

// One webhook's settings: editable by Owners and Admins, read-only for Viewers.
export default async function EditWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const webhook = await orNotFound(getWebhook(actor, id));
  const canWrite = can(actor.role, "webhooks.write");
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
          canWrite
            ? "Change what this webhook sends and where."
            : "You have read-only access to this webhook."
        }
        actions={
          canWrite && webhook.enabled ? (
            <SendTestEventButton webhook={{ id: webhook.id, name: webhook.name }} />
          ) : null
        }
      />
      {webhook.disabledReason && !webhook.enabled && (
        <p
          role="status"
          className="border-destructive/30 bg-destructive-soft text-destructive mt-4 rounded-md border px-3 py-2 text-sm"
        >
          {webhook.disabledReason} Switch Enabled on below once the receiver is ready again.
        </p>
      )}
      <div className="mt-6 space-y-6">
        <SigningSecretCard
          id={webhook.id}
          hint={webhook.signingSecretHint}
          rotatedAt={webhook.secretRotatedAt?.toISOString() ?? null}
          canWrite={canWrite}
        />
        <WebhookForm
          mode="edit"
          id={webhook.id}
          defaultValues={webhookToFormValues(webhook)}
          storedAuthType={webhook.authType}
          storedClientCert={
            webhook.tlsClientCertSubject && webhook.tlsClientCertExpiresAt
              ? {
                  subject: webhook.tlsClientCertSubject,
                  expiresAt: webhook.tlsClientCertExpiresAt.toISOString(),
                }
              : null
          }
          verification={{ verified: isVerified(webhook), error: webhook.verificationError }}
          readOnly={!canWrite}
        />
      </div>
    </>
  );
}
