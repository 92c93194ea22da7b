import { NoAccess } from "@/components/shell/no-access";
import { EventSimulator } from "@/components/events/event-simulator";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Event simulator" };

// Send a made-up chat event through the real ingest, to every matching webhook.
export default async function SimulatorPage() {
  const actor = await requireActor();
  const breadcrumbs = [
    { label: "Admin Panel" },
    { label: "Integrations & Partners" },
    { label: "Event simulator" },
  ];
  if (!can(actor.role, "events.send"))
    return (
      <NoAccess
        actor={actor}
        title="Event simulator"
        breadcrumbs={breadcrumbs}
        what="send events from the Event simulator"
      />
    );
  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title="Event simulator"
        description="Send a chat event as the platform would, and watch each matching webhook deliver it. Webhooks in Test mode e-mail it instead."
      />
      <div className="mt-6">
        <EventSimulator />
      </div>
    </>
  );
}
