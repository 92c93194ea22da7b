import { Lock } from "lucide-react";
import { ErasureForm } from "@/components/erasure/erasure-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Data erasure" };

// Settings → Data erasure: Owners delete everything stored about one customer.
export default async function ErasurePage() {
  const actor = await requireActor();
  const isOwner = can(actor.role, "organization.manage");
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Admin Panel" }, { label: "Settings" }, { label: "Data erasure" }]}
        title="Data erasure"
        description={`When a customer asks to be forgotten: delete every event ${actor.organizationName} received about them, and the deliveries, attempts and test e-mails made from those events.`}
      />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle as="h2">Erase a customer&rsquo;s data</CardTitle>
          <CardDescription>
            See how much is stored first. Erasing cannot be undone; events your chat platform sends
            later are kept as usual.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {isOwner ? (
            <ErasureForm />
          ) : (
            <p className="text-muted-foreground flex items-start gap-2 text-sm">
              <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
              Only Owners can erase customer data. Ask an Owner.
            </p>
          )}
        </CardContent>
      </Card>
    </>
  );
}
