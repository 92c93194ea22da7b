import { NoAccess } from "@/components/shell/no-access";
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
  const breadcrumbs = [{ label: "Admin Panel" }, { label: "Settings" }, { label: "Audit log" }];
  if (!can(actor.role, "audit.read"))
    return (
      <NoAccess
        actor={actor}
        title="Audit log"
        breadcrumbs={breadcrumbs}
        what="read the audit log"
      />
    );
  const filters = auditFiltersSchema.parse(await searchParams);
  const [page, actors] = await Promise.all([
    listAuditEntries(actor, filters),
    listAuditActors(actor),
  ]);

  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
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
