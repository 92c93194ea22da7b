import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { KeysetPager } from "@/components/forms/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { listAuditActors, listAuditEntries } from "@/lib/audit/service";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Audit log" };

// Settings → Audit log: who changed what, newest first (Owners and Admins).
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!can(actor.role, "audit.read")) redirect("/webhooks");
  const filters = auditFiltersSchema.parse(await searchParams);
  const [page, actors] = await Promise.all([
    listAuditEntries(actor, filters),
    listAuditActors(actor),
  ]);

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
        <KeysetPager path="/settings/audit-log" filters={filters} next={page.next} />
      </div>
    </>
  );
}
