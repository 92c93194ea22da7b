import Link from "next/link";
import { Suspense } from "react";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { listAuditActors, listAuditEntries } from "@/lib/audit/service";
import { requireActor } from "@/lib/auth/actor";

export const metadata = { title: "Audit log" };

// Settings → Audit log: who changed what, newest first (Owners and Admins).
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const filters = auditFiltersSchema.parse(await searchParams);
  const [page, actors] = await Promise.all([
    listAuditEntries(actor, filters),
    listAuditActors(actor),
  ]);
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) next.set(key, String(value));
    if (cursor) next.set("cursor", cursor);
    else next.delete("cursor");
    return `/settings/audit-log${next.size ? `?${next}` : ""}`;
  };

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Admin Panel" }, { label: "Settings" }, { label: "Audit log" }]}
        title="Audit log"
        description={`Who changed what in ${actor.organizationName}: webhooks, signing secrets, redeliveries, API keys, members and settings. Secrets appear only as “changed”.`}
      />
      <div className="mt-6 space-y-3">
        <Suspense>
          <AuditFilters actors={actors} />
        </Suspense>
        <AuditTable rows={page.rows} />
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
