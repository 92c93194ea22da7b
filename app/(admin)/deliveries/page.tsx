import Link from "next/link";
import { Suspense } from "react";
import { DeliveryFilters } from "@/components/deliveries/delivery-filters";
import { DeliveryTable } from "@/components/deliveries/delivery-table";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { deliveryFiltersSchema } from "@/lib/deliveries/schemas";
import { listDeliveries } from "@/lib/deliveries/service";
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
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) next.set(key, String(value));
    if (cursor) next.set("cursor", cursor);
    else next.delete("cursor");
    return `/deliveries${next.size ? `?${next}` : ""}`;
  };

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
        <nav aria-label="Pages" className="flex justify-between gap-2">
          {filters.cursor ? (
            <Button variant="outline" size="sm" asChild>
              <Link href={withCursor(null)}>← Newest</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.next && (
            <Button variant="outline" size="sm" asChild>
              <Link href={withCursor(page.next)}>Older →</Link>
            </Button>
          )}
        </nav>
      </div>
    </>
  );
}
