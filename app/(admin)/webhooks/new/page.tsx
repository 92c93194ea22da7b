import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { newWebhookDefaults } from "@/lib/webhooks/form-values";

export const metadata = { title: "Add Event" };

// Add Event: a new webhook, in Test mode by default as the seed recommends.
export default async function NewWebhookPage() {
  const actor = await requireActor();
  const breadcrumbs = [
    { label: "Admin Panel" },
    { label: "Integrations & Partners" },
    { label: "Webhooks", href: "/webhooks" },
    { label: "Add Event" },
  ];
  if (!can(actor.role, "webhooks.write"))
    return (
      <NoAccess actor={actor} title="Add Event" breadcrumbs={breadcrumbs} what="add webhooks" />
    );
  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title="Add Event"
        description="Choose the event, build the payload from its tokens, and test it by e-mail before going live."
      />
      <div className="mt-6">
        <WebhookForm mode="create" defaultValues={newWebhookDefaults(actor.email)} />
      </div>
    </>
  );
}
