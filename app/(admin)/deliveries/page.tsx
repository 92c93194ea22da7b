import { Suspense } from "react";
import { DeliveryFilters } from "@/components/deliveries/delivery-filters";
import { DeliveryTable } from "@/components/deliveries/delivery-table";
import { KeysetPager } from "@/components/forms/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { deliveryFiltersSchema } from "@/lib/delivery-log/schemas";
import { listDeliveries } from "@/lib/delivery-log/service";
import { listWebhookNames } from "@/lib/webhooks/service";

export const metadata = { title: "Deliveries" };

// Admin Panel → Integrations & Partners → Deliveries: every delivery, newest first.
export default async function DeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const filters = deliveryFiltersSchema.parse(params);
  const [page, webhooks] = await Promise.all([
    listDeliveries(actor, filters),
    listWebhookNames(actor),
  ]);

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: "Admin Panel" },
          { label: "Integrations & Partners" },
          { label: "Deliveries" },
        ]}
        title="Deliveries"
        description="Every event sent to your webhooks: what was sent, what came back, and why an attempt failed. Open one to see its attempts and redeliver it."
      />
      <div className="mt-6 space-y-3">
        <Suspense>
          <DeliveryFilters webhooks={webhooks} />
        </Suspense>
        <DeliveryTable key={JSON.stringify(filters)} filters={filters} initial={page} />
        <KeysetPager path="/deliveries" filters={filters} next={page.next} />
      </div>
    </>
  );
}
