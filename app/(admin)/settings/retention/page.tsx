import { Lock } from "lucide-react";
import { RetentionForm } from "@/components/retention/retention-form";
import { RetentionPolicy } from "@/components/retention/retention-policy";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getRetention } from "@/lib/retention/service";
import { pluralNoun } from "@/lib/format";

export const metadata = { title: "Data retention" };

// Settings → Data retention: how long the delivery log is kept; Owners change it.
export default async function RetentionPage() {
  const actor = await requireActor();
  const { days } = await getRetention(actor);
  const canChange = can(actor.role, "organization.manage");
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Admin Panel" }, { label: "Settings" }, { label: "Data retention" }]}
        title="Data retention"
        description={`How long ${actor.organizationName} keeps the delivery log: what was sent to your endpoints, what they answered, and the test e-mails.`}
      />
      <div className="mt-6 space-y-6">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Retention period</CardTitle>
            <CardDescription>
              {canChange
                ? "A shorter period deletes older data at the next hourly purge; it cannot be undone."
                : "The number of days data is kept before it is deleted."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {canChange ? (
              <RetentionForm days={days} />
            ) : (
              <div className="space-y-3">
                <p className="text-2xl font-semibold tabular-nums" data-testid="retention-days">
                  {days}{" "}
                  <span className="text-muted-foreground text-base font-normal">
                    {pluralNoun(days, "day")}
                  </span>
                </p>
                <p className="text-muted-foreground flex items-start gap-2 text-sm">
                  <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
                  Only Owners can change how long data is kept.
                </p>
              </div>
            )}
          </CardContent>
        </Card>
        <RetentionPolicy retentionDays={days} />
      </div>
    </>
  );
}
